#include "models/FlagWriter.h"

#include "store/Store.h"

namespace Poplar::Ui {

FlagWriter::FlagWriter(Store::MailStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);  // the thread stays: no start-up cost per click
}

FlagWriter::~FlagWriter()
{
    // The tasks report to this object through queued calls, which go with
    // it; the store must see every change before it may close.
    m_pool.waitForDone();
}

quint64 FlagWriter::setFlags(const QList<qint64> &ids, int set, int clear)
{
    const quint64 change = ++m_changes;
    Store::MailStore *store = m_store;
    m_pool.start([this, store, change, ids, set, clear] {
        const Poplar::Status st = store->setFlags(ids, set, clear);
        QMetaObject::invokeMethod(
            this,
            [this, change, ids, st] {
                if (st)
                    Q_EMIT written(change, ids);
                else
                    Q_EMIT failed(change, ids, st.error());
            },
            Qt::QueuedConnection);
    });
    return change;
}

}  // namespace Poplar::Ui
