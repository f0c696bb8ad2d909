#pragma once

#include "common/Error.h"
#include "fetch/MailFetcher.h"

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QToolButton;

namespace Poplar::Ui {

// The status bar's part about fetching: for each account with a fetch
// under way "Checking <account>…" and then its progress (message n of N,
// bytes) with a cancel button; when the checks are over, what they found
// ("No new mail at 14:03", "3 new messages at 14:03"); and for each account
// whose last fetch failed a button naming the problem that opens the
// details.
class FetchStatus : public QWidget
{
    Q_OBJECT
public:
    explicit FetchStatus(MailFetcher *fetcher, QWidget *parent = nullptr);

    // What the account's entry says now (empty when it shows nothing).
    [[nodiscard]] QString text(qint64 accountId) const;
    // What the last round of checks found, or a notice (empty while
    // fetches run, and before any check).
    [[nodiscard]] QString summary() const;
    // Shows `text` where the summary goes until the next check starts
    // (Get Mail that cannot check anything says why).
    void showNotice(const QString &text);

    // The words for a round of checks ("No new mail at 14:03"), naming the
    // account when it was one of several; empty when every check failed
    // (their buttons say why) or none has ended.
    [[nodiscard]] static QString summaryText(const MailFetcher::CheckSummary &summary, const MailFetcher &fetcher);

    // Each message the account's last fetch left on the server without
    // storing it, a line each: which, and why.
    [[nodiscard]] static QStringList notDownloadedText(const MailFetcher::AccountStatus &status);
    // What a running fetch of the account `name` is doing before it has
    // anything to download ("Connecting to Work…").
    [[nodiscard]] static QString stageText(Sync::Stage stage, const QString &name);

Q_SIGNALS:
    // The user clicked an account's error.
    void errorClicked(qint64 accountId, const Poplar::Error &error);
    // The user clicked an account's "messages could not be downloaded".
    void incompleteClicked(qint64 accountId);

private:
    struct Entry {
        QWidget *box = nullptr;
        QLabel *label = nullptr;
        QProgressBar *bar = nullptr;
        QToolButton *cancel = nullptr;
        QToolButton *error = nullptr;
    };
    void update(qint64 accountId);
    Entry &entry(qint64 accountId);
    void setSummary(const QString &text);

    MailFetcher *m_fetcher = nullptr;
    QHBoxLayout *m_layout = nullptr;
    QLabel *m_summary = nullptr;
    QHash<qint64, Entry> m_entries;
};

}  // namespace Poplar::Ui
