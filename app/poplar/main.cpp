#include "accounts/KeychainCredentialStore.h"
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

    auto store = Store::MailStore::open(Store::Profile::resolveDirectory(parser.value(profile)));
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
    window.show();
    if (auto st = fetcher.start(); !st)
        QMessageBox::warning(&window, QApplication::translate("main", "Poplar"), Poplar::Ui::errorFullText(st.error()));
    else if (fetcher.accounts().isEmpty())
        window.statusBar()->showMessage(
            QApplication::translate("main", "No accounts yet: add one with “poplar-cli account add”."));
    return app.exec();
}
