#include "widgets/ReadMarker.h"

#include "models/MessageListModel.h"
#include "widgets/MessageView.h"

#include <QTimer>

#include <utility>

namespace Poplar::Ui {

ReadMarker::ReadMarker(MessageListModel *model, MessageView *view, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_view(view)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        // Only while the pane still shows it.
        const qint64 id = std::exchange(m_waiting, 0);
        if (id && m_view->messageId() == id)
            mark(id);
    });
}

void ReadMarker::setDelay(int msecs)
{
    m_delayMs = msecs;
    if (!m_waiting)
        return;
    // The message on screen follows the new rule, counted from now.
    m_timer->stop();
    if (m_delayMs == 0)
        mark(std::exchange(m_waiting, 0));
    else if (m_delayMs > 0)
        m_timer->start(m_delayMs);
    else
        m_waiting = 0;
}

void ReadMarker::shown(const Store::MessageSummary &message)
{
    m_timer->stop();
    m_waiting = 0;
    if (message.isSeen() || m_delayMs < 0)
        return;
    if (m_delayMs == 0) {
        mark(message.id);
        return;
    }
    m_waiting = message.id;
    m_timer->start(m_delayMs);
}

bool ReadMarker::isWaiting() const
{
    return m_waiting != 0 && m_timer->isActive();
}

void ReadMarker::mark(qint64 messageId)
{
    m_model->setFlags({ messageId }, Store::Flag::Seen, 0);
    Q_EMIT marked(messageId);
}

}  // namespace Poplar::Ui
