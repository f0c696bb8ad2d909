#include "widgets/OperationProgress.h"

#include "models/MessageOperations.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

namespace Poplar::Ui {

OperationProgress::OperationProgress(MessageOperations *operations, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("operationProgress"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(160);
    layout->addWidget(m_bar);
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
        m_shown = op;
        m_label->setText(text);
        m_bar->setRange(0, total);
        m_bar->setValue(done);
        setAccessibleName(text);
        show();
    });
    connect(operations, &MessageOperations::finished, this, [this](quint64 op) { ended(op); });
    connect(operations, &MessageOperations::failed, this, [this](quint64 op) { ended(op); });
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
