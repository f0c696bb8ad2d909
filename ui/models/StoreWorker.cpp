#include "models/StoreWorker.h"

#include "store/Store.h"

namespace Poplar::Ui {

StoreWorker::StoreWorker(Store::MailStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);  // the thread stays: no start-up cost per click
}

StoreWorker::~StoreWorker()
{
    // The jobs report to this object through queued calls, which go with
    // it; the store must see every change before it may close.
    m_pool.waitForDone();
}

quint64 StoreWorker::run(Job job)
{
    const quint64 number = ++m_jobs;
    ++m_pending;
    Store::MailStore *store = m_store;
    m_pool.start([this, store, number, job = std::move(job)] {
        const Progress progress = [this, number](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, number, done, total] { Q_EMIT progressed(number, done, total); }, Qt::QueuedConnection);
        };
        const Poplar::Status st = job(*store, progress);
        QMetaObject::invokeMethod(
            this,
            [this, number, st] {
                --m_pending;
                if (st)
                    Q_EMIT done(number);
                else
                    Q_EMIT failed(number, st.error());
            },
            Qt::QueuedConnection);
    });
    return number;
}

}  // namespace Poplar::Ui
