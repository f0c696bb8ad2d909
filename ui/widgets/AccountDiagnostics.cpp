#include "widgets/AccountDiagnostics.h"

#include "accounts/CredentialStore.h"
#include "common/ServerText.h"
#include "store/Store.h"
#include "sync/ConnectionTest.h"
#include "sync/FetchHistory.h"
#include "sync/Ledger.h"
#include "sync/PasswordSource.h"
#include "text/ErrorText.h"
#include "widgets/PlainText.h"
#include "widgets/ServerReportView.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace Poplar::Ui {

namespace {

QString dataSize(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes));
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString reasonText(Sync::DeleteReason reason, const Accounts::Policy &policy)
{
    switch (reason) {
    case Sync::DeleteReason::AfterDownload:
        return AccountDiagnostics::tr("the account does not leave mail on the server");
    case Sync::DeleteReason::DeletedLocally: return AccountDiagnostics::tr("deleted here");
    case Sync::DeleteReason::KeepDays:
        return AccountDiagnostics::tr("downloaded more than %n day(s) ago", nullptr, policy.keepDays);
    case Sync::DeleteReason::KeepCount:
        return AccountDiagnostics::tr("beyond the newest %n message(s) kept on the server", nullptr, policy.keepCount);
    case Sync::DeleteReason::KeepSize:
        return AccountDiagnostics::tr("beyond the newest %1 MB kept on the server").arg(policy.keepMegabytes);
    }
    return {};
}

QString resultText(const Sync::FetchRecord &r)
{
    if (r.succeeded())
        return AccountDiagnostics::tr("Completed");
    return errorMessage(r.error);
}

}  // namespace

AccountDiagnostics::AccountDiagnostics(Store::MailStore &store, Accounts::CredentialStore &keychain, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_typed(new Accounts::SessionCredentialStore(this))
    , m_passwords(new Sync::PasswordSource(keychain, m_typed, this))
{
    setObjectName(QStringLiteral("accountDiagnostics"));
    auto *layout = new QVBoxLayout(this);

    auto *buttons = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnection"));
    m_testButton->setToolTip(tr("Connect, log in and ask for the mailbox size; nothing is downloaded or deleted."));
    m_previewButton = new QPushButton(tr("&Preview Next Fetch"), this);
    m_previewButton->setObjectName(QStringLiteral("previewFetch"));
    m_previewButton->setToolTip(
        tr("Ask the server what it holds and show what the next fetch would download and delete, without doing it."));
    buttons->addWidget(m_testButton);
    buttons->addWidget(m_previewButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("diagnosticsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("diagnosticsTabs"));
    layout->addWidget(tabs, 1);

    m_server = new ServerReportView(this);
    tabs->addTab(m_server, tr("Server"));

    auto *logPage = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logPage);
    m_log = new QPlainTextEdit(logPage);
    m_log->setObjectName(QStringLiteral("protocolLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("Test the connection to see the conversation with the server. Passwords and other "
                                 "secrets are masked."));
    m_log->setAccessibleName(tr("Protocol log"));
    logLayout->addWidget(m_log, 1);
    m_copyLog = new QPushButton(tr("&Copy"), logPage);
    m_copyLog->setObjectName(QStringLiteral("copyLog"));
    m_copyLog->setEnabled(false);
    connect(m_copyLog, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(serverReport() + QLatin1Char('\n') + protocolLogText()); });
    auto *copyRow = new QHBoxLayout;
    copyRow->addStretch();
    copyRow->addWidget(m_copyLog);
    logLayout->addLayout(copyRow);
    tabs->addTab(logPage, tr("Protocol Log"));

    auto *historyPage = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyPage);
    m_lastMailbox = new QLabel(historyPage);
    m_lastMailbox->setObjectName(QStringLiteral("lastMailbox"));
    m_lastMailbox->setWordWrap(true);
    m_lastMailbox->setTextFormat(Qt::PlainText);
    historyLayout->addWidget(m_lastMailbox);
    m_history = new QTreeWidget(historyPage);
    m_history->setObjectName(QStringLiteral("history"));
    m_history->setRootIsDecorated(false);
    m_history->setColumnCount(5);
    m_history->setHeaderLabels({ tr("Time"), tr("Stored"), tr("Received"), tr("On Server"), tr("Result") });
    m_history->header()->setStretchLastSection(true);
    historyLayout->addWidget(m_history, 1);
    tabs->addTab(historyPage, tr("Last Fetches"));

    auto *previewPage = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPage);
    m_previewSummary = new QLabel(
        tr("Preview the next fetch to see what it would download, and what it would delete on the server and why."),
        previewPage);
    m_previewSummary->setObjectName(QStringLiteral("previewSummary"));
    m_previewSummary->setWordWrap(true);
    m_previewSummary->setTextFormat(Qt::PlainText);
    previewLayout->addWidget(m_previewSummary);
    m_preview = new QTreeWidget(previewPage);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setColumnCount(4);
    m_preview->setHeaderLabels({ tr("Message"), tr("Size"), tr("Subject"), tr("Why") });
    previewLayout->addWidget(m_preview, 1);
    tabs->addTab(previewPage, tr("Next Fetch"));

    connect(m_testButton, &QPushButton::clicked, this, &AccountDiagnostics::testConnection);
    connect(m_previewButton, &QPushButton::clicked, this, &AccountDiagnostics::previewNextFetch);
}

AccountDiagnostics::~AccountDiagnostics()
{
    if (m_test) {
        m_test->disconnect(this);
        m_test->setParent(nullptr);
        m_test->cancel();
        connect(m_test, &Sync::ConnectionTest::finished, m_test, &QObject::deleteLater);
    }
    // A preview still running goes with this widget (a FetchJob may be
    // destroyed at any time: it drops its link and deletes nothing).
    if (m_job)
        m_job->disconnect(this);
}

void AccountDiagnostics::setAccount(const Accounts::Account &account)
{
    const bool other = account.id != m_account.id;
    m_account = account;
    if (other)
        reloadHistory();
}

void AccountDiagnostics::setTestPassword(Poplar::Secret password)
{
    m_testPassword = std::move(password);
}

bool AccountDiagnostics::isBusy() const
{
    return m_task != Task::None;
}

QString AccountDiagnostics::serverReport() const
{
    return ServerReportView::treeText(m_server);
}

QString AccountDiagnostics::protocolLogText() const
{
    return m_log->toPlainText();
}

QString AccountDiagnostics::previewText() const
{
    return m_previewSummary->text() + QLatin1Char('\n') + ServerReportView::treeText(m_preview);
}

QString AccountDiagnostics::statusText() const
{
    return m_status->text();
}

void AccountDiagnostics::setBusy(Task task)
{
    m_task = task;
    m_testButton->setEnabled(task == Task::None);
    m_previewButton->setEnabled(task == Task::None);
}

void AccountDiagnostics::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setProperty("problem", problem);
    QFont font = m_status->font();
    font.setBold(problem);
    m_status->setFont(font);
}

void AccountDiagnostics::testConnection()
{
    begin(Task::Test);
}

void AccountDiagnostics::previewNextFetch()
{
    begin(Task::Preview);
}

void AccountDiagnostics::begin(Task task)
{
    if (m_task != Task::None)
        return;
    Q_EMIT aboutToRun();
    setBusy(task);
    if (task == Task::Test) {
        m_server->clear();
        m_log->clear();
        m_copyLog->setEnabled(false);
        m_pinned.clear();
        showStatus(tr("Connecting to %1…").arg(m_account.host), false);
    } else {
        m_preview->clear();
        showStatus(tr("Asking %1 what it holds…").arg(m_account.host), false);
    }
    QPointer<AccountDiagnostics> self(this);
    withPassword([self, task](Poplar::Secret secret) {
        if (!self)
            return;
        if (task == Task::Test)
            self->runTest(std::move(secret));
        else
            self->runPreview(std::move(secret));
    });
}

void AccountDiagnostics::withPassword(const std::function<void(Poplar::Secret secret)> &then)
{
    QPointer<AccountDiagnostics> self(this);
    auto ask = [self, then](const Poplar::Error &reason) {
        if (!self)
            return;
        std::optional<Poplar::Secret> given;
        if (self->m_askPassword) {
            given = self->m_askPassword(self->m_account, reason);
        } else {
            bool ok = false;
            const QString typed = QInputDialog::getText(self, tr("Password for %1").arg(self->m_account.name),
                tr("%1\nEnter the password for %2 to test the account. It is used for this test only.")
                    .arg(errorMessage(reason), self->m_account.user),
                QLineEdit::Password, QString(), &ok);
            if (ok && !typed.isEmpty())
                given = Poplar::Secret(typed.toUtf8());
        }
        if (!self)
            return;
        if (!given) {
            const Poplar::Error error(ErrorCode::Cancelled);
            if (self->m_task == Task::Test)
                self->endTest(error);
            else {
                Sync::FetchReport report;
                report.error = error;
                self->endPreview(report);
            }
            return;
        }
        then(std::move(*given));
    };
    const QString key = m_account.credentialKey;
    auto readPassword = [self, key, then, ask](Poplar::Status) {
        if (!self)
            return;
        self->m_passwords->read(self->m_account, [self, key, then, ask](Poplar::Result<Poplar::Secret> read) {
            if (!self)
                return;
            // Typed for this run only: the dialog gives it again for the next one.
            self->m_typed->remove(key, [](Poplar::Status) {});
            if (read)
                then(std::move(read).value());
            else
                ask(read.error());
        });
    };
    // The password typed in the dialog is this test's, before the keychain's.
    if (m_testPassword.isEmpty())
        return m_typed->remove(key, readPassword);
    m_typed->write(key, std::move(m_testPassword), readPassword);
}

void AccountDiagnostics::runTest(Poplar::Secret secret)
{
    auto settings = Accounts::connectionSettings(m_account);
    if (!settings)
        return endTest(settings.error());
    Pop3::ConnectionSettings cs = *settings;
    cs.connectTimeoutMs = m_options.connectTimeoutMs;
    cs.idleTimeoutMs = m_options.idleTimeoutMs;
    m_test = new Sync::ConnectionTest(
        cs, Accounts::credentials(m_account, std::move(secret)), m_options.transportFactory, this);
    Sync::ConnectionTest *t = m_test;
    connect(t, &Sync::ConnectionTest::serverOpened, this, [this](const Pop3::ServerInfo &info) {
        m_server->setAccount(&m_account, m_pinned);
        m_server->showServer(info);
        showStatus(tr("Connected; logging in as %1…").arg(m_account.user), false);
    });
    connect(t, &Sync::ConnectionTest::certificateQuestion, this, [this](const Net::CertificateProblem &problem) {
        m_server->setAccount(&m_account, m_pinned);
        m_server->showProblem(problem);
        // Asked from the event loop, not from inside the transport's handler.
        QPointer<Sync::ConnectionTest> test(m_test);
        QTimer::singleShot(0, this, [this, test, problem] {
            if (!test || test != m_test)
                return;
            const Net::CertificateDecision decision
                = m_askCertificate ? m_askCertificate(problem) : Net::CertificateDecision::Reject;
            if (!test || test != m_test)
                return;
            if (decision == Net::CertificateDecision::Pin)
                m_pinned = problem.sha256;
            test->answerCertificate(decision);
        });
    });
    connect(t, &Sync::ConnectionTest::loggedIn, this, [this](Pop3::Mechanism mechanism) {
        if (!m_pinned.isEmpty())
            Q_EMIT certificatePinned(m_pinned);
        m_server->addLogin(QString::fromLatin1(Pop3::mechanismName(mechanism)));
    });
    connect(t, &Sync::ConnectionTest::finished, this, [this](const Sync::ConnectionTestReport &report) {
        if (report.messageCount)
            m_server->showMailbox(*report.messageCount, report.mailboxSize.value_or(0), tr("now"));
        m_log->setPlainText(report.protocolLog);
        endTest(report.error);
    });
    t->start();
}

void AccountDiagnostics::endTest(const Poplar::Error &error)
{
    if (m_test) {
        m_test->disconnect(this);
        m_test->deleteLater();
        m_test = nullptr;
    }
    m_copyLog->setEnabled(!m_log->toPlainText().isEmpty());
    if (error) {
        QString text = errorMessage(error);
        const QString details = errorServerDetails(error);
        if (!details.isEmpty())
            text += QLatin1Char(' ') + details;  // "The server said: …"
        showStatus(text, true);
    } else {
        showStatus(tr("The connection works: Poplar logged in to %1.").arg(m_account.host), false);
    }
    setBusy(Task::None);
    Q_EMIT testFinished(error);
}

void AccountDiagnostics::runPreview(Poplar::Secret secret)
{
    Sync::FetchJob::Options options = m_options;
    options.dryRun = true;
    m_job = new Sync::FetchJob(m_store, m_account, Accounts::credentials(m_account, std::move(secret)), options, this);
    connect(m_job, &Sync::FetchJob::finished, this, &AccountDiagnostics::endPreview);
    m_job->start();
}

void AccountDiagnostics::endPreview(const Sync::FetchReport &report)
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->deleteLater();
        m_job = nullptr;
    }
    if (report.error) {
        QString text = errorMessage(report.error);
        const QString details = errorServerDetails(report.error);
        if (!details.isEmpty())
            text += QLatin1Char(' ') + details;  // "The server said: …"
        if (report.certificate)
            text += QLatin1Char(' ') + tr("Test the connection to look at the certificate and decide.");
        showStatus(text, true);
        m_previewSummary->setText(tr("No preview: the server could not be asked."));
    } else {
        showStatus(tr("Preview ready. Nothing was downloaded or deleted."), false);
    }
    if (report.plan)
        showPlan(*report.plan);
    setBusy(Task::None);
    Q_EMIT previewFinished(report.error);
}

void AccountDiagnostics::showPlan(const Sync::Plan &plan)
{
    m_preview->clear();
    // The subjects of what is stored here, by ledger key.
    std::map<std::pair<QByteArray, int>, QString> subjects;
    auto ledger = m_store.readValue([&](Store::Database &db) { return Sync::Ledger::load(db, m_account.id); });
    if (ledger) {
        for (const Sync::LedgerEntry &e : std::as_const(ledger.value())) {
            if (!e.messageId)
                continue;
            if (auto m = m_store.message(e.messageId))
                subjects[{ e.key, e.occurrence }] = m->subject;
        }
    }
    quint64 deleteBytes = 0;
    if (!plan.deletions.empty()) {
        auto *group = new QTreeWidgetItem(
            m_preview, { tr("Delete on the server: %n message(s)", nullptr, int(plan.deletions.size())) });
        group->setFirstColumnSpanned(true);
        for (const Sync::Deletion &d : plan.deletions) {
            deleteBytes += d.size;
            QString why = reasonText(d.reason, m_account.policy);
            if (d.awaitsDownload)
                why = tr("%1 (once it is downloaded and saved here)").arg(why);
            auto found = subjects.find({ d.key, d.occurrence });
            auto *item = new QTreeWidgetItem(group,
                { tr("Message %1").arg(d.number), dataSize(d.size),
                    found == subjects.end() ? QString() : Poplar::escapeUntrusted(found->second.toUtf8()), why });
            item->setData(0, Qt::UserRole, int(d.reason));
            item->setToolTip(0, plainToolTip(Poplar::escapeUntrusted(d.key)));
        }
        group->setExpanded(true);
    }
    if (!plan.downloads.empty()) {
        auto *group
            = new QTreeWidgetItem(m_preview, { tr("Download: %n message(s)", nullptr, int(plan.downloads.size())) });
        group->setFirstColumnSpanned(true);
        for (const Sync::Download &d : plan.downloads) {
            auto *item = new QTreeWidgetItem(group,
                { tr("Message %1").arg(d.number), dataSize(d.size), QString(),
                    d.partial ? tr("new; over the size limit: headers and first lines only") : tr("new") });
            item->setToolTip(0, plainToolTip(Poplar::escapeUntrusted(d.key)));
        }
        group->setExpanded(true);
    }
    QStringList summary;
    summary << tr("The next fetch would download %n message(s)", nullptr, int(plan.downloads.size()))
            + QStringLiteral(" (%1)").arg(dataSize(plan.downloadBytes));
    summary << tr("and delete %n message(s) on the server", nullptr, int(plan.deletions.size()))
            + QStringLiteral(" (%1).").arg(dataSize(deleteBytes));
    QString text = summary.join(QLatin1Char(' '));
    if (plan.alreadyStored)
        text += QLatin1Char(' ')
            + tr("%n message(s) on the server are stored here already.", nullptr, plan.alreadyStored);
    if (plan.heldAsPartial)
        text += QLatin1Char(' ')
            + tr("%n message(s) stay on the server because only part of them is stored here.", nullptr,
                plan.heldAsPartial);
    if (plan.heldForDuplicateKeys)
        text += QLatin1Char(' ')
            + tr("%n message(s) stay on the server because it gives them the same identifier.", nullptr,
                plan.heldForDuplicateKeys);
    if (plan.refused)
        text = errorMessage(*plan.refused);
    m_previewSummary->setText(text);
}

void AccountDiagnostics::reloadHistory()
{
    m_history->clear();
    m_lastMailbox->clear();
    if (!m_account.id)
        return;
    auto records = Sync::FetchHistory::recent(m_store, m_account.id);
    if (!records) {
        m_lastMailbox->setText(errorMessage(records.error()));
        return;
    }
    bool mailboxShown = false;
    for (const Sync::FetchRecord &r : std::as_const(records.value())) {
        const QString stored
            = r.storedPartial ? tr("%1 (+%2 in part)").arg(r.stored).arg(r.storedPartial) : QString::number(r.stored);
        const QString onServer = r.serverCount
            ? tr("%n message(s), %1", nullptr, int(*r.serverCount)).arg(dataSize(r.serverBytes.value_or(0)))
            : QString();
        auto *item = new QTreeWidgetItem(
            m_history, { when(r.finishedAt), stored, dataSize(r.bytesReceived), onServer, resultText(r) });
        item->setData(0, Qt::UserRole, r.id);
        item->setData(4, Qt::UserRole, int(r.error.code));
        QString tip = tr("Started %1, finished %2.").arg(when(r.startedAt), when(r.finishedAt));
        if (r.deletedOnServer)
            tip += QLatin1Char('\n') + tr("Deleted on the server: %n message(s).", nullptr, r.deletedOnServer);
        const QString details = errorServerDetails(r.error);
        if (!details.isEmpty())
            tip += QLatin1Char('\n') + details;
        for (int c = 0; c < m_history->columnCount(); ++c)
            item->setToolTip(c, plainToolTip(tip));
        if (!mailboxShown && r.serverCount) {
            mailboxShown = true;
            m_lastMailbox->setText(
                tr("At the last fetch (%1) the server held %n message(s), %2.", nullptr, int(*r.serverCount))
                    .arg(when(r.finishedAt), dataSize(r.serverBytes.value_or(0))));
        }
    }
    if (records->isEmpty())
        m_lastMailbox->setText(tr("This account has not been fetched yet."));
    else if (!mailboxShown)
        m_lastMailbox->setText(tr("No recent fetch got as far as asking the server what it holds."));
    for (int c = 0; c < m_history->columnCount() - 1; ++c)
        m_history->resizeColumnToContents(c);
}

}  // namespace Poplar::Ui
