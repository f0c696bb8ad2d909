// The Preferences: each setting saved in QSettings (defaults as Poplar
// behaved before, the old close-to-tray key carried over) and applied at
// once where it acts — the reading pane (plain text, remote images),
// marking read (at once, after a while, never), the list's dates and
// columns (with the header's column menu), Keep Running in the Tray, the
// tray's notifications, starting hidden, getting mail at start, the
// language — and the dialog that shows and writes them.

#include "MemoryKeychain.h"
#include "accounts/AccountStore.h"
#include "desktop/TrayIcon.h"
#include "fetch/MailFetcher.h"
#include "models/MessageListModel.h"
#include "settings/Preferences.h"
#include "settings/PreferencesBinding.h"
#include "store/MessagePreparer.h"
#include "store/Store.h"
#include "text/Translations.h"
#include "widgets/ColumnChooser.h"
#include "widgets/MainWindow.h"
#include "widgets/MessageView.h"
#include "widgets/PreferencesDialog.h"
#include "widgets/ReadMarker.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include <memory>

using namespace Store;
using Poplar::Ui::ColumnChooser;
using Poplar::Ui::ListDateFormat;
using Poplar::Ui::MainWindow;
using Poplar::Ui::MessageListModel;
using Poplar::Ui::Preferences;
using Poplar::Ui::PreferencesBinding;
using Poplar::Ui::PreferencesDialog;

namespace {

// A message with a plain and an HTML alternative; the HTML refers to a
// remote image.
PreparedMessage alternative(qint64 folderId)
{
    MessagePreparer::Input in;
    in.raw = "From: Alice <alice@example.org>\r\nTo: me@example.org\r\nSubject: Both kinds\r\n"
             "Date: 3 Nov 2026 09:30:00 +0000\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
             "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain words for you.\r\n"
             "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
             "<html><body><p>HTML words for you.</p><img src=\"http://127.0.0.1:9/track.png\"></body></html>\r\n"
             "--b--\r\n";
    in.folderId = folderId;
    in.receivedAt = QDateTime(QDate(2026, 11, 3), QTime(9, 31), Qt::UTC);
    return MessagePreparer::prepare(in).value();
}

PreparedMessage simple(qint64 folderId, int n)
{
    MessagePreparer::Input in;
    in.raw = "From: Bob <bob@example.org>\r\nTo: me@example.org\r\nSubject: Simple " + QByteArray::number(n)
        + "\r\nDate: " + QByteArray::number(n) + " Nov 2026 10:00:00 +0000\r\n\r\nText " + QByteArray::number(n)
        + ".\r\n";
    in.folderId = folderId;
    in.receivedAt = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
    return MessagePreparer::prepare(in).value();
}

class NoKeychain final : public Accounts::CredentialStore
{
public:
    void read(const QString &, ReadDone done) override { done(Poplar::Error(Poplar::ErrorCode::CredentialNotStored)); }
    void write(const QString &, Poplar::Secret, Done done) override { done({}); }
    void remove(const QString &, Done done) override { done({}); }
};

}  // namespace

class TestPreferences : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MailStore> m_store;
    qint64 m_inbox = 0;
    qint64 m_alternative = 0;
    QList<qint64> m_simple;  // Simple 1 … 4, unread

    std::unique_ptr<MainWindow> window()
    {
        auto w = std::make_unique<MainWindow>(m_store.get());
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            qWarning("the main window was not exposed");
        return w;
    }

    void select(MainWindow &w, qint64 id)
    {
        const int row = w.messageModel()->rowOf(id);
        QVERIFY(row >= 0);
        w.messageListView()->selectionModel()->setCurrentIndex(
            w.messageModel()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(w.messageView()->messageId(), id);
    }

    bool seenInList(MainWindow &w, qint64 id)
    {
        return w.messageModel()->index(w.messageModel()->rowOf(id), 0).data(MessageListModel::FlagsRole).toInt()
            & Flag::Seen;
    }

    QString bodyText(MainWindow &w) { return w.messageView()->browser()->toPlainText(); }

    bool remoteBarShown(MainWindow &w)
    {
        auto *bar = w.messageView()->findChild<QFrame *>(QStringLiteral("remoteContentBar"));
        return bar && !bar->isHidden();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("poplar-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_preferences"));
        Poplar::Ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    }

    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = MailStore::open(m_dir->filePath(QStringLiteral("profile"))).value();
        QVERIFY(m_store->createAccount(QStringLiteral("Work")));
        m_inbox = m_store->folderByPath(QStringLiteral("Work/Inbox"))->id;
        m_alternative = m_store->insertMessage(alternative(m_inbox)).value();
        QList<PreparedMessage> batch;
        for (int n = 1; n <= 4; ++n)
            batch << simple(m_inbox, n);
        m_simple = m_store->insertMessages(batch).value();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
        QLocale::setDefault(QLocale::system());
    }

    void defaultsAreHowPoplarBehavedBefore()
    {
        Preferences p;
        QVERIFY(p.fetchAtStart());
        QVERIFY(!p.startHidden());
        QVERIFY(p.closeToTray());
        QVERIFY(p.notifications());
        QVERIFY(!p.preferPlainText());
        QCOMPARE(p.remoteImages(), Preferences::RemoteImages::Ask);
        QCOMPARE(p.markRead(), Preferences::MarkRead::AtOnce);
        QCOMPARE(p.markReadDelayMs(), 0);
        QCOMPARE(p.dateFormat(), ListDateFormat::Smart);
        QVERIFY(p.hiddenColumns().isEmpty());
        QVERIFY(p.language().isEmpty());
        QVERIFY(QSettings().allKeys().isEmpty());  // reading writes nothing
    }

    void theOldCloseToTrayKeyIsCarriedOver()
    {
        QSettings().setValue(QStringLiteral("desktop/closeToTray"), false);
        {
            Preferences p;
            QVERIFY(!p.closeToTray());
            QVERIFY(!QSettings().contains(QStringLiteral("desktop/closeToTray")));
            QCOMPARE(QSettings().value(Preferences::CloseToTrayKey), QVariant(false));
        }
        // A value under the new key is newer than one left under the old.
        QSettings().setValue(QStringLiteral("desktop/closeToTray"), false);
        QSettings().setValue(Preferences::CloseToTrayKey, true);
        Preferences p;
        QVERIFY(p.closeToTray());
        QVERIFY(!QSettings().contains(QStringLiteral("desktop/closeToTray")));

        // The window's own option reads it there too.
        p.setCloseToTray(false);
        MainWindow w(m_store.get());
        w.setTrayAvailable(true);
        QVERIFY(!w.closesToTray());
    }

    void eachSettingIsSavedAndSignalled()
    {
        Preferences p;
        QSignalSpy fetch(&p, &Preferences::fetchAtStartChanged);
        QSignalSpy hidden(&p, &Preferences::startHiddenChanged);
        QSignalSpy tray(&p, &Preferences::closeToTrayChanged);
        QSignalSpy notifications(&p, &Preferences::notificationsChanged);
        QSignalSpy plain(&p, &Preferences::preferPlainTextChanged);
        QSignalSpy remote(&p, &Preferences::remoteImagesChanged);
        QSignalSpy mark(&p, &Preferences::markReadChanged);
        QSignalSpy date(&p, &Preferences::dateFormatChanged);
        QSignalSpy columns(&p, &Preferences::hiddenColumnsChanged);
        QSignalSpy language(&p, &Preferences::languageChanged);

        p.setFetchAtStart(false);
        p.setStartHidden(true);
        p.setCloseToTray(false);
        p.setNotifications(false);
        p.setPreferPlainText(true);
        p.setRemoteImages(Preferences::RemoteImages::Never);
        p.setMarkRead(Preferences::MarkRead::AfterDelay);
        p.setMarkReadSeconds(7);
        p.setDateFormat(ListDateFormat::Iso);
        p.setHiddenColumns({ MessageListModel::SizeColumn, MessageListModel::FlagColumn });
        p.setLanguage(QStringLiteral("de"));
        for (QSignalSpy *spy : { &fetch, &hidden, &tray, &notifications, &plain, &remote, &date, &columns, &language })
            QCOMPARE(spy->size(), 1);
        QCOMPARE(mark.size(), 2);
        QCOMPARE(columns.first().first().value<QList<int>>(),
            (QList<int> { MessageListModel::FlagColumn, MessageListModel::SizeColumn }));

        // Setting a value it has already says nothing.
        p.setFetchAtStart(false);
        p.setDateFormat(ListDateFormat::Iso);
        p.setColumnHidden(MessageListModel::SizeColumn, true);
        QCOMPARE(fetch.size(), 1);
        QCOMPARE(date.size(), 1);
        QCOMPARE(columns.size(), 1);

        QSettings s;
        QCOMPARE(s.value(Preferences::FetchAtStartKey), QVariant(false));
        QCOMPARE(s.value(Preferences::StartHiddenKey), QVariant(true));
        QCOMPARE(s.value(Preferences::CloseToTrayKey), QVariant(false));
        QCOMPARE(s.value(Preferences::NotificationsKey), QVariant(false));
        QCOMPARE(s.value(Preferences::PreferPlainTextKey), QVariant(true));
        QCOMPARE(s.value(Preferences::RemoteImagesKey).toString(), QStringLiteral("never"));
        QCOMPARE(s.value(Preferences::MarkReadKey).toString(), QStringLiteral("afterDelay"));
        QCOMPARE(s.value(Preferences::MarkReadSecondsKey).toInt(), 7);
        QCOMPARE(s.value(Preferences::DateFormatKey).toString(), QStringLiteral("iso"));
        QCOMPARE(s.value(Preferences::HiddenColumnsKey).toStringList(),
            (QStringList { QStringLiteral("flag"), QStringLiteral("size") }));
        QCOMPARE(s.value(Preferences::LanguageKey).toString(), QStringLiteral("de"));

        // Read back as saved.
        Preferences again;
        QVERIFY(!again.fetchAtStart());
        QVERIFY(again.startHidden());
        QVERIFY(!again.closeToTray());
        QVERIFY(!again.notifications());
        QVERIFY(again.preferPlainText());
        QCOMPARE(again.remoteImages(), Preferences::RemoteImages::Never);
        QCOMPARE(again.markReadDelayMs(), 7000);
        QCOMPARE(again.dateFormat(), ListDateFormat::Iso);
        QCOMPARE(again.hiddenColumns(), (QList<int> { MessageListModel::FlagColumn, MessageListModel::SizeColumn }));
        QCOMPARE(again.language(), QStringLiteral("de"));

        // Never every column: one stays.
        QList<int> all;
        for (int c = 0; c < MessageListModel::ColumnCount; ++c)
            all << c;
        again.setHiddenColumns(all);
        QCOMPARE(again.hiddenColumns().size(), 2);
        again.setMarkRead(Preferences::MarkRead::Never);
        QCOMPARE(again.markReadDelayMs(), -1);
    }

    void preferringPlainTextShowsThePlainPartAtOnce()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());
        select(*w, m_alternative);
        QVERIFY(bodyText(*w).contains(QStringLiteral("HTML words")));

        p.setPreferPlainText(true);  // the message shown changes
        QVERIFY(bodyText(*w).contains(QStringLiteral("Plain words")));
        QVERIFY(!bodyText(*w).contains(QStringLiteral("HTML words")));
        QVERIFY(w->messageView()->blockedRemoteImages().isEmpty());  // the HTML's image is not asked for

        // A message with only one kind shows it.
        select(*w, m_simple[0]);
        QVERIFY(bodyText(*w).contains(QStringLiteral("Text 1.")));

        p.setPreferPlainText(false);
        select(*w, m_alternative);
        QVERIFY(bodyText(*w).contains(QStringLiteral("HTML words")));

        // A new window starts with the saved choice.
        p.setPreferPlainText(true);
        auto again = window();
        new PreferencesBinding(&p, again.get());
        select(*again, m_alternative);
        QVERIFY(bodyText(*again).contains(QStringLiteral("Plain words")));
    }

    void remoteImagesNeverOffersNothingAndLoadsNothing()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());
        Poplar::Ui::MessageView *reader = w->messageView();

        // Ask (as before): the bar offers them.
        select(*w, m_alternative);
        QTRY_VERIFY(remoteBarShown(*w));
        QVERIFY(!reader->remoteContentAllowed());

        // Never: the bar goes at once, and nothing loads them.
        p.setRemoteImages(Preferences::RemoteImages::Never);
        QVERIFY(!remoteBarShown(*w));
        reader->loadRemoteContent();
        QVERIFY(!reader->remoteContentAllowed());
        select(*w, m_simple[0]);
        select(*w, m_alternative);
        QVERIFY(!reader->blockedRemoteImages().isEmpty());  // asked for by the HTML, refused
        QCoreApplication::processEvents();                  // the queued reaction to the refusal
        QVERIFY(!remoteBarShown(*w));

        // Not even for a sender allowed before.
        p.setRemoteImages(Preferences::RemoteImages::Ask);
        QTRY_VERIFY(remoteBarShown(*w));
        reader->alwaysLoadRemoteContentForSender();
        QVERIFY(reader->remoteContentAllowed());
        p.setRemoteImages(Preferences::RemoteImages::Never);
        QVERIFY(!reader->remoteContentAllowed());
        QVERIFY(!remoteBarShown(*w));
        select(*w, m_simple[0]);
        select(*w, m_alternative);
        QVERIFY(Poplar::Ui::MessageView::isSenderTrustedForRemoteContent(QStringLiteral("alice@example.org")));
        QVERIFY(!reader->remoteContentAllowed());

        // Back to Ask: the sender's permission counts again.
        p.setRemoteImages(Preferences::RemoteImages::Ask);
        QVERIFY(reader->remoteContentAllowed());
    }

    void markingReadAtOnceAfterAWhileOrNever()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());

        // At once (as before).
        select(*w, m_simple[0]);
        QVERIFY(seenInList(*w, m_simple[0]));
        QTRY_VERIFY(m_store->message(m_simple[0])->isSeen());

        // After a second: not before.
        p.setMarkReadSeconds(1);
        p.setMarkRead(Preferences::MarkRead::AfterDelay);
        select(*w, m_simple[1]);
        QVERIFY(w->readMarker()->isWaiting());
        QVERIFY(!seenInList(*w, m_simple[1]));
        QVERIFY(!m_store->message(m_simple[1])->isSeen());
        QTRY_VERIFY(seenInList(*w, m_simple[1]));
        QVERIFY(!w->readMarker()->isWaiting());
        QTRY_VERIFY(m_store->message(m_simple[1])->isSeen());

        // A message left before its time stays unread.
        select(*w, m_simple[2]);
        QVERIFY(w->readMarker()->isWaiting());
        select(*w, m_simple[3]);
        QTRY_VERIFY(seenInList(*w, m_simple[3]));
        QVERIFY(!seenInList(*w, m_simple[2]));

        // Never: only by hand.
        p.setMarkRead(Preferences::MarkRead::Never);
        select(*w, m_simple[2]);
        QVERIFY(!w->readMarker()->isWaiting());
        QVERIFY(!seenInList(*w, m_simple[2]));

        // Back to at once: the message on screen is marked now.
        p.setMarkRead(Preferences::MarkRead::AtOnce);
        select(*w, m_alternative);
        QVERIFY(seenInList(*w, m_alternative));
        QVERIFY(!seenInList(*w, m_simple[2]));
    }

    void theDateFormatChangesTheList()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());
        MessageListModel *list = w->messageModel();
        const QModelIndex date = list->index(list->rowOf(m_simple[3]), MessageListModel::DateColumn);
        const QDateTime sent(QDate(2026, 11, 4), QTime(10, 0), Qt::UTC);
        const QString smart = date.data().toString();
        QCOMPARE(smart, QLocale().toString(sent.toLocalTime(), QLocale::ShortFormat));

        QSignalSpy changed(list, &QAbstractItemModel::dataChanged);
        p.setDateFormat(ListDateFormat::Iso);
        QCOMPARE(changed.size(), 1);  // the views repaint
        QCOMPARE(date.data().toString(), sent.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        p.setDateFormat(ListDateFormat::Long);
        QVERIFY(date.data().toString().startsWith(QLocale().toString(sent.toLocalTime().date(), QLocale::LongFormat)));
        p.setDateFormat(ListDateFormat::Smart);
        QCOMPARE(date.data().toString(), smart);

        // Today's mail shows its time alone, unless the format says otherwise.
        const QDateTime now = QDateTime::currentDateTime();
        QCOMPARE(
            Poplar::Ui::listDateText(now, ListDateFormat::Smart), QLocale().toString(now.time(), QLocale::ShortFormat));
        QCOMPARE(Poplar::Ui::listDateText(now, ListDateFormat::Short), QLocale().toString(now, QLocale::ShortFormat));
    }

    void theHeaderMenuHidesColumnsForGood()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());
        QHeaderView *header = w->messageListView()->header();
        QVERIFY(!header->isSectionHidden(MessageListModel::SizeColumn));

        // Right-click on the header: a ticked entry per column.
        QContextMenuEvent click(
            QContextMenuEvent::Mouse, QPoint(10, 5), header->viewport()->mapToGlobal(QPoint(10, 5)));
        QApplication::sendEvent(header->viewport(), &click);
        QMenu *menu = header->findChild<QMenu *>(QStringLiteral("columnMenu"));
        QVERIFY(menu);
        QTRY_VERIFY(menu->isVisible());
        auto *size = menu->findChild<QAction *>(QStringLiteral("column%1").arg(MessageListModel::SizeColumn));
        QVERIFY(size);
        QVERIFY(size->isChecked());
        QCOMPARE(size->text(), QStringLiteral("Size"));
        size->trigger();
        QVERIFY(header->isSectionHidden(MessageListModel::SizeColumn));
        QCOMPARE(p.hiddenColumns(), QList<int> { MessageListModel::SizeColumn });
        QCOMPARE(
            QSettings().value(Preferences::HiddenColumnsKey).toStringList(), QStringList { QStringLiteral("size") });
        menu->close();

        // The next window (the next start) hides it too, whatever the
        // header's own saved state says.
        w->quit();  // saves the window state
        w.reset();
        auto again = window();
        new PreferencesBinding(&p, again.get());
        QHeaderView *header2 = again->messageListView()->header();
        QVERIFY(header2->isSectionHidden(MessageListModel::SizeColumn));
        QVERIFY(!header2->isSectionHidden(MessageListModel::DateColumn));

        // Shown again from the menu; the last column left cannot go.
        auto *chooser = again->findChild<ColumnChooser *>();
        QVERIFY(chooser);
        QMenu *menu2 = chooser->createMenu(again.get());
        menu2->findChild<QAction *>(QStringLiteral("column%1").arg(MessageListModel::SizeColumn))->trigger();
        QVERIFY(!header2->isSectionHidden(MessageListModel::SizeColumn));
        QVERIFY(p.hiddenColumns().isEmpty());
        delete menu2;
        p.setHiddenColumns({ 0, 1, 2, 3, 4 });
        for (int c = 0; c < 5; ++c)
            QVERIFY(header2->isSectionHidden(c));
        menu2 = chooser->createMenu(again.get());
        QVERIFY(!menu2->findChild<QAction *>(QStringLiteral("column5"))->isEnabled());
        QVERIFY(menu2->findChild<QAction *>(QStringLiteral("column0"))->isEnabled());
        delete menu2;
    }

    void keepRunningInTheTrayIsThePreference()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());
        w->setTrayAvailable(true);
        auto *option = w->findChild<QAction *>(QStringLiteral("closeToTray"));
        QVERIFY(option->isChecked());
        QVERIFY(w->closesToTray());

        p.setCloseToTray(false);
        QVERIFY(!option->isChecked());
        QVERIFY(!w->closesToTray());
        option->setChecked(true);  // the window's menu
        QVERIFY(p.closeToTray());
        QCOMPARE(QSettings().value(Preferences::CloseToTrayKey), QVariant(true));
    }

    void notificationsCanBeTurnedOff()
    {
        NoKeychain keychain;
        Poplar::Ui::MailFetcher fetcher(*m_store, keychain);
        Preferences p;
        MainWindow w(m_store.get());
        w.setFetcher(&fetcher);
        auto *binding = new PreferencesBinding(&p, &w);
        Poplar::Ui::TrayIcon tray(&w, m_store.get(), &fetcher);
        binding->setTrayIcon(&tray);
        QVERIFY(tray.notificationsEnabled());

        p.setNotifications(false);
        QVERIFY(!tray.notificationsEnabled());
        Q_EMIT fetcher.mailArrived(1, 2);
        tray.notify({ QStringLiteral("Poplar is still running"), QString() });
        QVERIFY(tray.lastNotification().title.isEmpty());  // none shown

        p.setNotifications(true);
        Q_EMIT fetcher.mailArrived(1, 2);
        QVERIFY(tray.lastNotification().title.startsWith(QStringLiteral("2 new messages")));

        // A tray made later starts with the saved choice.
        p.setNotifications(false);
        Poplar::Ui::TrayIcon later(&w, m_store.get(), &fetcher);
        binding->setTrayIcon(&later);
        QVERIFY(!later.notificationsEnabled());
    }

    void startingHiddenAndGettingMailAtStart()
    {
        Preferences p;
        {
            MainWindow w(m_store.get());
            PreferencesBinding binding(&p, &w);
            QVERIFY(binding.showAtStart(true));
            QVERIFY(w.isVisible());
        }
        p.setStartHidden(true);
        {
            MainWindow w(m_store.get());
            PreferencesBinding binding(&p, &w);
            QVERIFY(!binding.showAtStart(true));
            QVERIFY(!w.isVisible());
            QVERIFY(binding.showAtStart(false));  // no tray to hide in
            QVERIFY(w.isVisible());
        }

        // Getting mail at start: the first check soon, or after the interval.
        Accounts::Account account;
        account.name = QStringLiteral("Home");
        account.email = QStringLiteral("me@example.org");
        account.host = QStringLiteral("127.0.0.1");
        account.port = 9;
        account.user = QStringLiteral("me");
        account.intervalMinutes = 30;
        const qint64 id = Accounts::AccountStore(*m_store).add(account).value().id;
        PoplarTest::MemoryKeychain keychain;
        for (const bool atStart : { true, false }) {
            p.setFetchAtStart(atStart);
            Sync::Scheduler::Options options = PreferencesBinding::schedulerOptions(p);
            QCOMPARE(options.checkAtStart, atStart);
            options.random = [] { return 0.99; };
            options.watchNetwork = false;
            Poplar::Ui::MailFetcher fetcher(*m_store, keychain, {}, options);
            const QDateTime started = QDateTime::currentDateTimeUtc();
            QVERIFY(fetcher.start());
            const QDateTime next = fetcher.scheduler().nextCheck(id);
            QVERIFY(next.isValid());
            if (atStart)
                QVERIFY(started.secsTo(next) <= 21);
            else
                QVERIFY(started.secsTo(next) >= 25 * 60);
        }
    }

    void theLanguageIsChosenAtStart()
    {
        const QStringList languages = Poplar::Ui::availableLanguages();
        QVERIFY(languages.contains(QStringLiteral("de")));
        QVERIFY(languages.contains(QStringLiteral("en")));
        QCOMPARE(Poplar::Ui::chooseLanguage(QString()), QLocale::system());
        QCOMPARE(Poplar::Ui::chooseLanguage(QStringLiteral("xx")), QLocale::system());
        const QLocale german = Poplar::Ui::chooseLanguage(QStringLiteral("de"));
        QCOMPARE(german.language(), QLocale::German);
        QCOMPARE(QLocale().language(), QLocale::German);  // dates and numbers follow
    }

    void theDialogShowsAndWritesEveryValue()
    {
        Preferences p;
        p.setMarkReadSeconds(3);
        p.setHiddenColumns({ MessageListModel::AttachmentColumn });
        PreferencesDialog dialog(&p);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.pages()->count(), 4);
        auto box = [&](const char *name) { return dialog.findChild<QCheckBox *>(QString::fromLatin1(name)); };
        auto radio = [&](const char *name) { return dialog.findChild<QRadioButton *>(QString::fromLatin1(name)); };
        auto combo = [&](const char *name) { return dialog.findChild<QComboBox *>(QString::fromLatin1(name)); };

        // The values shown.
        QVERIFY(box("fetchAtStart")->isChecked());
        QVERIFY(!box("startHidden")->isChecked());
        QVERIFY(box("closeToTray")->isChecked());
        QVERIFY(box("notifications")->isChecked());
        QVERIFY(!box("preferPlainText")->isChecked());
        QCOMPARE(combo("remoteImages")->currentData().toInt(), int(Preferences::RemoteImages::Ask));
        QVERIFY(radio("markReadAtOnce")->isChecked());
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("markReadSeconds"))->value(), 3);
        QCOMPARE(combo("dateFormat")->currentData().toInt(), int(ListDateFormat::Smart));
        QVERIFY(!box("column1")->isChecked());
        QVERIFY(box("column2")->isChecked());
        QCOMPARE(combo("language")->currentIndex(), 0);  // the system's

        // Written as the user changes them (no OK to press).
        for (const char *name : { "fetchAtStart", "startHidden", "closeToTray", "notifications", "preferPlainText" }) {
            dialog.pages()->setCurrentWidget(box(name)->parentWidget());
            QTest::mouseClick(box(name), Qt::LeftButton, {}, QPoint(5, box(name)->height() / 2));
        }
        QVERIFY(!p.fetchAtStart());
        QVERIFY(p.startHidden());
        QVERIFY(!p.closeToTray());
        QVERIFY(!p.notifications());
        QVERIFY(p.preferPlainText());

        dialog.pages()->setCurrentIndex(1);
        combo("remoteImages")->setFocus();
        QTest::keyClick(combo("remoteImages"), Qt::Key_Down);
        QCOMPARE(p.remoteImages(), Preferences::RemoteImages::Never);
        QTest::mouseClick(radio("markReadAfter"), Qt::LeftButton, {}, QPoint(5, radio("markReadAfter")->height() / 2));
        QCOMPARE(p.markRead(), Preferences::MarkRead::AfterDelay);
        dialog.findChild<QSpinBox *>(QStringLiteral("markReadSeconds"))->setValue(12);
        QCOMPARE(p.markReadDelayMs(), 12000);
        QTest::mouseClick(radio("markReadNever"), Qt::LeftButton, {}, QPoint(5, radio("markReadNever")->height() / 2));
        QCOMPARE(p.markRead(), Preferences::MarkRead::Never);

        dialog.pages()->setCurrentIndex(2);
        combo("dateFormat")->setFocus();
        QTest::keyClick(combo("dateFormat"), Qt::Key_End);
        QCOMPARE(p.dateFormat(), ListDateFormat::Iso);
        QTest::mouseClick(box("column5"), Qt::LeftButton, {}, QPoint(5, box("column5")->height() / 2));
        QCOMPARE(p.hiddenColumns(), (QList<int> { MessageListModel::AttachmentColumn, MessageListModel::SizeColumn }));

        // Changes made elsewhere (the header's menu) show at once.
        p.setColumnHidden(MessageListModel::AttachmentColumn, false);
        QVERIFY(box("column1")->isChecked());
        p.setRemoteImages(Preferences::RemoteImages::Ask);
        QCOMPARE(combo("remoteImages")->currentData().toInt(), int(Preferences::RemoteImages::Ask));

        // The language: saved, for the next start.
        dialog.setRunningLanguage(QString());
        auto *note = dialog.findChild<QLabel *>(QStringLiteral("languageNote"));
        QVERIFY(note->isHidden());
        dialog.pages()->setCurrentIndex(3);
        QComboBox *language = combo("language");
        const int german = language->findData(QStringLiteral("de"));
        QVERIFY(german > 0);
        QCOMPARE(language->itemText(german), QStringLiteral("Deutsch"));
        language->setFocus();
        while (language->currentIndex() < german)
            QTest::keyClick(language, Qt::Key_Down);
        QCOMPARE(p.language(), QStringLiteral("de"));
        QVERIFY(!note->isHidden());

        // Without a tray its options are off.
        dialog.setTrayAvailable(false);
        QVERIFY(!box("startHidden")->isEnabled());
        QVERIFY(!box("closeToTray")->isEnabled());
        QVERIFY(!box("notifications")->isEnabled());
        QVERIFY(box("fetchAtStart")->isEnabled());
    }

    void filePreferencesOpensTheDialog()
    {
        Preferences p;
        auto w = window();
        new PreferencesBinding(&p, w.get());
        QAction *action = w->findChild<QAction *>(QStringLiteral("preferences"));
        QVERIFY(action);
        QMenu *file = w->menuBar()->actions().first()->menu();
        QVERIFY(file->actions().contains(action));
        action->trigger();
        auto *dialog = w->findChild<PreferencesDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        action->trigger();  // one at a time
        QCOMPARE(w->findChildren<PreferencesDialog *>().size(), 1);

        // Applied to this window at once.
        dialog->pages()->setCurrentIndex(1);
        auto *plain = dialog->findChild<QCheckBox *>(QStringLiteral("preferPlainText"));
        select(*w, m_alternative);
        plain->setChecked(true);
        QVERIFY(bodyText(*w).contains(QStringLiteral("Plain words")));
        dialog->close();
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
