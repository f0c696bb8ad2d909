#include "models/StoreReader.h"

namespace Poplar::Ui {

StoreReader::StoreReader(Store::MailStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);  // the thread and its read connection stay
}

StoreReader::~StoreReader()
{
    // The read may use the store, which outlives this object, never the
    // caller: its answer is a queued call to this object, which goes with it.
    m_pool.waitForDone();
}

void StoreReader::post(std::function<void(Store::MailStore &)> work, std::function<void()> deliver)
{
    Store::MailStore *store = m_store;
    m_pool.start([this, store, work = std::move(work), deliver = std::move(deliver)]() mutable {
        work(*store);
        QMetaObject::invokeMethod(this, std::move(deliver), Qt::QueuedConnection);
    });
}

}  // namespace Poplar::Ui
