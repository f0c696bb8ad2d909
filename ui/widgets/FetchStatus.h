#pragma once

#include "common/Error.h"

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QToolButton;

namespace Poplar::Ui {

class MailFetcher;

// The status bar's part about fetching: for each account with a fetch
// under way its progress (message n of N, bytes) with a cancel button, and
// for each account whose last fetch failed a button naming the problem that
// opens the details.
class FetchStatus : public QWidget
{
    Q_OBJECT
public:
    explicit FetchStatus(MailFetcher *fetcher, QWidget *parent = nullptr);

    // What the account's entry says now (empty when it shows nothing).
    [[nodiscard]] QString text(qint64 accountId) const;

Q_SIGNALS:
    // The user clicked an account's error.
    void errorClicked(qint64 accountId, const Poplar::Error &error);

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

    MailFetcher *m_fetcher = nullptr;
    QHBoxLayout *m_layout = nullptr;
    QHash<qint64, Entry> m_entries;
};

}  // namespace Poplar::Ui
