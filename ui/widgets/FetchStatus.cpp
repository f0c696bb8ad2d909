#include "widgets/FetchStatus.h"

#include "fetch/MailFetcher.h"
#include "text/ErrorText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace Poplar::Ui {

FetchStatus::FetchStatus(MailFetcher *fetcher, QWidget *parent)
    : QWidget(parent)
    , m_fetcher(fetcher)
{
    setObjectName(QStringLiteral("fetchStatus"));
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fetchSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->hide();
    m_layout->addWidget(m_summary);
    connect(m_fetcher, &MailFetcher::statusChanged, this, &FetchStatus::update);
    connect(m_fetcher, &MailFetcher::checkFinished, this,
        [this](const MailFetcher::CheckSummary &summary) { setSummary(summaryText(summary, *m_fetcher)); });
}

void FetchStatus::setSummary(const QString &text)
{
    m_summary->setText(text);
    m_summary->setAccessibleName(text);
    m_summary->setVisible(!text.isEmpty());
}

void FetchStatus::showNotice(const QString &text)
{
    setSummary(text);
}

QString FetchStatus::summary() const
{
    return m_summary->isHidden() ? QString() : m_summary->text();
}

QString FetchStatus::summaryText(const MailFetcher::CheckSummary &summary, const MailFetcher &fetcher)
{
    if (!summary.finishedAt.isValid())
        return {};
    const QString at = QLocale().toString(summary.finishedAt.time(), QLocale::ShortFormat);
    QString text;
    if (summary.newMessages > 0)
        text = tr("%n new message(s) at %1", nullptr, summary.newMessages).arg(at);
    else if (summary.succeeded > 0)
        text = tr("No new mail at %1").arg(at);
    else if (summary.cancelled > 0)
        text = tr("Stopped at %1").arg(at);
    else
        return {};
    if (summary.accounts.size() == 1 && fetcher.accounts().size() > 1) {
        if (const auto account = fetcher.account(summary.accounts.first()))
            text = tr("%1: %2").arg(account->name, text);
    }
    return text;
}

QStringList FetchStatus::notDownloadedText(const MailFetcher::AccountStatus &status)
{
    const QLocale locale;
    QStringList lines;
    for (const auto &[number, error] : status.notGiven)
        lines << tr("Message %1: the server would not give it. %2").arg(number).arg(errorFullText(error));
    for (const Sync::FetchReport::Troublesome &t : status.troublesome) {
        const QString which = t.subject.isEmpty()
            ? tr("Message %1 (%2)").arg(t.number).arg(locale.formattedDataSize(qint64(t.size)))
            : tr("Message %1 (%2, “%3”)").arg(t.number).arg(locale.formattedDataSize(qint64(t.size)), t.subject);
        if (t.tried)
            lines << tr("%1 ends the connection every time it is downloaded (%n time(s) so far). It stays on the "
                        "server; each check tries it again last, on its own.",
                nullptr, t.failures)
                         .arg(which);
        else if (t.error.code != ErrorCode::LoginDelay)
            lines << tr("%1 ended the connection before. It stays on the server, but a check of its own could not "
                        "find it again (its header could not be read).")
                         .arg(which);
        else
            lines << tr("%1 ended the connection before. It stays on the server, to be tried on its own in a "
                        "later check (the server allows no second login now).")
                         .arg(which);
    }
    return lines;
}

FetchStatus::Entry &FetchStatus::entry(qint64 accountId)
{
    auto it = m_entries.find(accountId);
    if (it != m_entries.end())
        return *it;
    Entry e;
    e.box = new QWidget(this);
    auto *row = new QHBoxLayout(e.box);
    row->setContentsMargins(0, 0, 0, 0);
    e.label = new QLabel(e.box);
    e.bar = new QProgressBar(e.box);
    e.bar->setMaximumWidth(120);
    e.bar->setTextVisible(false);
    e.cancel = new QToolButton(e.box);
    e.cancel->setAutoRaise(true);
    e.cancel->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));
    e.cancel->setText(tr("Stop"));
    e.cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    e.error = new QToolButton(e.box);
    e.error->setAutoRaise(true);
    e.error->setIcon(QIcon::fromTheme(QStringLiteral("dialog-warning")));
    e.error->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    row->addWidget(e.label);
    row->addWidget(e.bar);
    row->addWidget(e.cancel);
    row->addWidget(e.error);
    m_layout->addWidget(e.box);
    connect(e.cancel, &QToolButton::clicked, this, [this, accountId] { m_fetcher->cancel(accountId); });
    connect(e.error, &QToolButton::clicked, this, [this, accountId] {
        const MailFetcher::AccountStatus s = m_fetcher->status(accountId);
        if (s.lastError.code == ErrorCode::None && s.incomplete())
            Q_EMIT incompleteClicked(accountId);
        else
            Q_EMIT errorClicked(accountId, s.lastError);
    });
    return *m_entries.insert(accountId, e);
}

void FetchStatus::update(qint64 accountId)
{
    const std::optional<Accounts::Account> account = m_fetcher->account(accountId);
    const QString name = account ? account->name : QString();
    const MailFetcher::AccountStatus s = m_fetcher->status(accountId);
    Entry &e = entry(accountId);
    if (s.running)
        setSummary(QString());  // the checks under way speak now
    const bool failed = !s.running && s.lastError.code != ErrorCode::None;
    const bool incomplete = !s.running && !failed && s.incomplete();
    e.box->setVisible(s.running || failed || incomplete);
    e.label->setVisible(s.running);
    e.bar->setVisible(s.running);
    e.cancel->setVisible(s.running);
    e.error->setVisible(failed || incomplete);
    if (s.running) {
        const QLocale locale;
        const Sync::Progress &p = s.progress;
        if (p.total > 0) {
            e.label->setText(tr("%1: message %2 of %3 (%4 of %5)")
                                 .arg(name)
                                 .arg(std::min(p.received + 1, p.total))
                                 .arg(p.total)
                                 .arg(locale.formattedDataSize(qint64(p.bytesReceived)),
                                     locale.formattedDataSize(qint64(p.bytesTotal))));
            e.bar->setRange(0, 1000);
            e.bar->setValue(p.bytesTotal ? int(1000 * p.bytesReceived / p.bytesTotal) : 0);
        } else {
            e.label->setText(stageText(s.stage, name));
            e.bar->setRange(0, 0);  // busy
        }
        e.cancel->setToolTip(tr("Stop fetching mail for %1 (what arrived is kept)").arg(name));
        e.cancel->setAccessibleName(tr("Stop fetching mail for %1").arg(name));
    }
    if (failed) {
        e.error->setText(tr("%1: %2").arg(name, errorMessage(s.lastError)));
        e.error->setToolTip(tr("Show the details"));
        e.error->setAccessibleName(e.error->text());
    } else if (incomplete) {
        e.error->setText(
            tr("%1: %n message(s) could not be downloaded", nullptr, int(s.notGiven.size() + s.troublesome.size()))
                .arg(name));
        e.error->setToolTip(tr("Show which"));
        e.error->setAccessibleName(e.error->text());
    }
}

QString FetchStatus::stageText(Sync::Stage stage, const QString &name)
{
    switch (stage) {
    case Sync::Stage::Connecting: return tr("Connecting to %1…").arg(name);
    case Sync::Stage::LoggingIn: return tr("Logging in to %1…").arg(name);
    case Sync::Stage::Working: break;
    case Sync::Stage::Closing: return tr("Finishing with %1…").arg(name);
    }
    return tr("Checking %1…").arg(name);
}

QString FetchStatus::text(qint64 accountId) const
{
    auto it = m_entries.constFind(accountId);
    if (it == m_entries.constEnd() || it->box->isHidden())
        return {};
    return it->label->isHidden() ? it->error->text() : it->label->text();
}

}  // namespace Poplar::Ui
