#pragma once

#include "common/Error.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

namespace Store {
class MailStore;
}

namespace Poplar::Ui {

// Writes the user's marks (read, flagged) to the store away from the GUI
// thread: the store's writer commits them to the disk while the window
// goes on painting. Changes are written one after another in the order
// asked, and each one says when it is stored or why it is not.
class FlagWriter : public QObject
{
    Q_OBJECT
public:
    explicit FlagWriter(Store::MailStore *store, QObject *parent = nullptr);
    // Waits for the changes asked for so far: none is lost.
    ~FlagWriter() override;

    // Sets the flags `set` and clears `clear` on `ids`; returns the
    // change's number (they grow), which written() or failed() repeats.
    quint64 setFlags(const QList<qint64> &ids, int set, int clear);

Q_SIGNALS:
    void written(quint64 change, const QList<qint64> &ids);
    void failed(quint64 change, const QList<qint64> &ids, const Poplar::Error &error);

private:
    Store::MailStore *m_store = nullptr;
    QThreadPool m_pool;  // one thread: changes keep their order
    quint64 m_changes = 0;
};

}  // namespace Poplar::Ui
