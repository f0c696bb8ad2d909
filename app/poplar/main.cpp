#include "accounts/KeychainCredentialStore.h"
#include "desktop/SingleInstance.h"
#include "desktop/TrayIcon.h"
#include "fetch/MailFetcher.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QStatusBar>

#include <memory>
#include <utility>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("poplar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Poplar"));
    QApplication::setOrganizationName(QStringLiteral("poplar"));
    QApplication::setApplicationVersion(QStringLiteral(POPLAR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.poplar.Poplar"));
    Poplar::Ui::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Poplar, a POP3 mail client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(QStringLiteral("profile"),
        QApplication::translate("main", "Use the profile in DIR (default: $POPLAR_PROFILE, else your data folder)."),
        QApplication::translate("main", "DIR"));
    parser.addOption(profile);
    parser.process(app);

    const QString profileDirectory = Store::Profile::resolveDirectory(parser.value(profile));
    // One Poplar per profile: a second launch shows the first one's window.
    Poplar::Ui::SingleInstance instance(profileDirectory);
    if (instance.activateRunningInstance())
        return 0;

    auto store = Store::MailStore::open(profileDirectory);
    if (!store) {
        QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Poplar"),
            QApplication::translate("main", "Poplar cannot open your mail store."), QMessageBox::Close);
        box.setInformativeText(Poplar::Ui::errorFullText(store.error()));
        box.exec();
        return 1;
    }

    Poplar::Ui::MainWindow window(store->get());
    Accounts::KeychainCredentialStore keychain;
    Poplar::Ui::MailFetcher fetcher(**store, keychain);
    window.setFetcher(&fetcher);
    QObject::connect(&instance, &Poplar::Ui::SingleInstance::activationRequested, &window, [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    });
    std::unique_ptr<Poplar::Ui::TrayIcon> tray;
    if (Poplar::Ui::TrayIcon::isSupported()) {
        QApplication::setQuitOnLastWindowClosed(false);
        tray = std::make_unique<Poplar::Ui::TrayIcon>(&window, store->get(), &fetcher);
        window.setTrayAvailable(true);
        QObject::connect(tray.get(), &Poplar::Ui::TrayIcon::quitRequested, &window, &Poplar::Ui::MainWindow::quit);
        bool told = false;
        QObject::connect(&window, &Poplar::Ui::MainWindow::closedToTray, tray.get(), [&tray, &told] {
            if (std::exchange(told, true))
                return;
            tray->notify({ QApplication::translate("main", "Poplar is still running"),
                QApplication::translate(
                    "main", "Poplar keeps getting your mail in the background. Quit it from the tray icon's menu.") });
        });
    }
    window.show();
    if (auto st = fetcher.start(); !st)
        QMessageBox::warning(&window, QApplication::translate("main", "Poplar"), Poplar::Ui::errorFullText(st.error()));
    else if (fetcher.accounts().isEmpty())
        window.statusBar()->showMessage(
            QApplication::translate("main", "No accounts yet: add one with “poplar-cli account add”."));
    return app.exec();
}
