#include "widgets/OperationProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace Poplar::Ui {

OperationProgress::OperationProgress(MessageOperations *operations, QWidget *parent)
    : QWidget(parent)
    , m_operations(operations)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_stop(new QToolButton(this))
{
    setObjectName(QStringLiteral("operationProgress"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(160);
    layout->addWidget(m_bar);
    m_stop->setObjectName(QStringLiteral("stopOperation"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop after the current step (what is done stays done)"));
    m_stop->setAccessibleName(tr("Stop the operation"));
    layout->addWidget(m_stop);
    connect(m_stop, &QToolButton::clicked, this, [this] {
        if (!m_shown)
            return;
        m_operations->stop(m_shown);
        m_stop->setEnabled(false);  // asked: it stops at the end of this step
    });
    hide();

    using Kind = MessageOperations::Kind;
    connect(operations, &MessageOperations::progressed, this, [this](quint64 op, Kind kind, int done, int total) {
        const QLocale locale;
        const QString of = locale.toString(done);
        const QString all = locale.toString(total);
        QString text;
        switch (kind) {
        case Kind::Move: text = tr("Moving messages: %1 of %2").arg(of, all); break;
        case Kind::Copy: text = tr("Copying messages: %1 of %2").arg(of, all); break;
        case Kind::Trash: text = tr("Moving messages to the Trash: %1 of %2").arg(of, all); break;
        case Kind::Flags: text = tr("Marking messages: %1 of %2").arg(of, all); break;
        case Kind::DeleteForGood:
        case Kind::EmptyTrash: text = tr("Deleting messages: %1 of %2").arg(of, all); break;
        case Kind::CreateFolder:
        case Kind::MoveFolder:
        case Kind::RenameFolder:
        case Kind::DeleteFolder: text = tr("Changing folders: %1 of %2").arg(of, all); break;
        }
        if (m_shown != op)
            m_stop->setEnabled(true);
        m_shown = op;
        m_label->setText(text);
        m_bar->setRange(0, total);
        m_bar->setValue(done);
        setAccessibleName(text);
        show();
    });
    connect(operations, &MessageOperations::stopped, this, [this](quint64 op, Kind kind, int done, int total) {
        if (op == m_shown)
            Q_EMIT stopped(stoppedText(kind, done, total));
    });
    connect(operations, &MessageOperations::finished, this, [this](quint64 op) { ended(op); });
    connect(operations, &MessageOperations::failed, this, [this](quint64 op) { ended(op); });
}

QString OperationProgress::stoppedText(MessageOperations::Kind kind, int done, int total)
{
    using Kind = MessageOperations::Kind;
    const QLocale locale;
    const QString of = locale.toString(done);
    const QString all = locale.toString(total);
    switch (kind) {
    case Kind::Move: return tr("Moved %1 of %2 messages; stopped.").arg(of, all);
    case Kind::Copy: return tr("Copied %1 of %2 messages; stopped.").arg(of, all);
    case Kind::Trash: return tr("Moved %1 of %2 messages to the Trash; stopped.").arg(of, all);
    case Kind::Flags: return tr("Marked %1 of %2 messages; stopped.").arg(of, all);
    case Kind::DeleteForGood:
    case Kind::EmptyTrash: return tr("Deleted %1 of %2 messages; stopped.").arg(of, all);
    case Kind::CreateFolder:
    case Kind::MoveFolder:
    case Kind::RenameFolder:
    case Kind::DeleteFolder: break;  // one step each: never stopped half-way
    }
    return tr("Stopped.");
}

void OperationProgress::ended(quint64 operation)
{
    if (operation != m_shown)
        return;
    m_shown = 0;
    hide();
}

QString OperationProgress::text() const
{
    return isHidden() ? QString() : m_label->text();
}

int OperationProgress::done() const
{
    return m_bar->value();
}

int OperationProgress::total() const
{
    return m_bar->maximum();
}

}  // namespace Poplar::Ui
