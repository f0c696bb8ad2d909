#include "Demo.h"
#include "accounts/KeychainCredentialStore.h"
#include "common/CoreDumps.h"
#include "desktop/SingleInstance.h"
#include "desktop/TrayIcon.h"
#include "fetch/MailFetcher.h"
#include "settings/Preferences.h"
#include "settings/PreferencesBinding.h"
#include "store/Profile.h"
#include "store/Store.h"
#include "text/ErrorText.h"
#include "text/Translations.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTreeView>

#include <memory>
#include <utility>

namespace {

Q_LOGGING_CATEGORY(lcTiming, "poplar.timing", QtWarningMsg)

// Logs (category poplar.timing, at info level) how long the first paint of
// the message list took from the start of main(): what "Poplar starts
// fast" means to a user. Removes itself after that paint.
class FirstPaint : public QObject
{
public:
    FirstPaint(QTreeView *list, const QElapsedTimer &sinceStart)
        : QObject(list)
        , m_list(list)
        , m_sinceStart(sinceStart)
    {
        list->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && watched == m_list->viewport()) {
            // After this paint has happened.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    qCInfo(lcTiming, "message list painted %.1f ms after start, %d rows",
                        double(m_sinceStart.nsecsElapsed()) / 1e6, m_list->model()->rowCount());
                    deleteLater();
                },
                Qt::QueuedConnection);
            m_list->viewport()->removeEventFilter(this);
        }
        return false;
    }

private:
    QTreeView *m_list;
    QElapsedTimer m_sinceStart;
};

// The window over a store, fetching in the background, with a tray icon
// where the desktop has one. `instance` (may be null) raises the window
// when Poplar is launched again.
int runWindow(QApplication &app, Store::MailStore &store, Accounts::CredentialStore &keychain,
    Poplar::Ui::SingleInstance *instance, const QElapsedTimer &sinceStart, bool demo)
{
    Poplar::Ui::Preferences preferences;
    Poplar::Ui::MainWindow window(&store);
    if (demo)
        window.setWindowTitle(QApplication::translate("main", "Poplar (demo)"));
    auto *applied = new Poplar::Ui::PreferencesBinding(&preferences, &window);
    Poplar::Ui::MailFetcher fetcher(store, keychain, {}, Poplar::Ui::PreferencesBinding::schedulerOptions(preferences));
    window.setFetcher(&fetcher);
    if (instance) {
        QObject::connect(
            instance, &Poplar::Ui::SingleInstance::activationRequested, &window, &Poplar::Ui::MainWindow::showAndRaise);
    }
    std::unique_ptr<Poplar::Ui::TrayIcon> tray;
    if (Poplar::Ui::TrayIcon::isSupported()) {
        QApplication::setQuitOnLastWindowClosed(false);
        tray = std::make_unique<Poplar::Ui::TrayIcon>(&window, &store, &fetcher);
        window.setTrayAvailable(true);
        applied->setTrayIcon(tray.get());
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
    new FirstPaint(window.messageListView(), sinceStart);
    applied->showAtStart(tray != nullptr);
    window.startFetching();  // with no account yet: the setup wizard
    if (demo)
        fetcher.getMailNow();  // the demo's mail, at once
    return app.exec();
}

}  // namespace

int main(int argc, char *argv[])
{
    // First: no core dump of a process that holds passwords and mail (the
    // demo too).
    Poplar::CoreDumps::disableUnlessAllowed();
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("poplar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Poplar"));
    QApplication::setOrganizationName(QStringLiteral("poplar"));
    QApplication::setApplicationVersion(QStringLiteral(POPLAR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.poplar.Poplar"));
    Poplar::Ui::installTranslations(app, Poplar::Ui::chooseLanguage(Poplar::Ui::Preferences().language()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Poplar, a POP3 mail client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(QStringLiteral("profile"),
        QApplication::translate("main", "Use the profile in DIR (default: $POPLAR_PROFILE, else your data folder)."),
        QApplication::translate("main", "DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QApplication::translate("main",
            "Try Poplar without an account: a local demo server and a throwaway profile, removed when Poplar "
            "quits (needs Dovecot: dovecot-pop3d)."));
    parser.addOptions({ profile, demo });
    parser.process(app);

    if (parser.isSet(demo)) {
        QApplication::setApplicationName(QStringLiteral("poplar-demo"));  // its own window settings
        Poplar::Demo::DemoSetup setup;
        QString error;
        if (!setup.start(&error)) {
            QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Poplar"),
                QApplication::translate("main",
                    "The demo could not start its local mail server. It needs Dovecot (the package "
                    "dovecot-pop3d)."),
                QMessageBox::Close);
            box.setDetailedText(error);
            box.exec();
            return 1;
        }
        return runWindow(app, setup.store(), setup.credentials(), nullptr, sinceStart, true);
    }

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
    Accounts::KeychainCredentialStore keychain;
    return runWindow(app, **store, keychain, &instance, sinceStart, false);
}
