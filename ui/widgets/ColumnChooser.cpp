#include "widgets/ColumnChooser.h"

#include "models/MessageListModel.h"
#include "settings/Preferences.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>

namespace Poplar::Ui {

ColumnChooser::ColumnChooser(QHeaderView *header, Preferences *preferences, QObject *parent)
    : QObject(parent)
    , m_header(header)
    , m_preferences(preferences)
{
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_header, &QWidget::customContextMenuRequested, this, &ColumnChooser::showMenu);
    connect(m_preferences, &Preferences::hiddenColumnsChanged, this, &ColumnChooser::apply);
    apply(m_preferences->hiddenColumns());
}

QString ColumnChooser::columnName(int column)
{
    switch (column) {
    case MessageListModel::FlagColumn: return tr("Flag");
    case MessageListModel::AttachmentColumn: return tr("Attachment");
    case MessageListModel::SubjectColumn: return tr("Subject");
    case MessageListModel::FromColumn: return tr("From");
    case MessageListModel::DateColumn: return tr("Date");
    case MessageListModel::SizeColumn: return tr("Size");
    default: return {};
    }
}

void ColumnChooser::apply(const QList<int> &hidden)
{
    for (int c = 0; c < MessageListModel::ColumnCount; ++c)
        m_header->setSectionHidden(c, hidden.contains(c));
}

QMenu *ColumnChooser::createMenu(QWidget *parent) const
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("columnMenu"));
    menu->addSection(tr("Show Columns"));
    const QList<int> hidden = m_preferences->hiddenColumns();
    const qsizetype shown = MessageListModel::ColumnCount - hidden.size();
    // In the order the header shows them.
    for (int visual = 0; visual < m_header->count(); ++visual) {
        const int column = m_header->logicalIndex(visual);
        if (column < 0 || column >= MessageListModel::ColumnCount)
            continue;
        QAction *a = menu->addAction(columnName(column));
        a->setObjectName(QStringLiteral("column%1").arg(column));
        a->setCheckable(true);
        a->setChecked(!hidden.contains(column));
        a->setEnabled(hidden.contains(column) || shown > 1);  // one stays
        Preferences *preferences = m_preferences;
        connect(a, &QAction::toggled, preferences,
            [preferences, column](bool on) { preferences->setColumnHidden(column, !on); });
    }
    return menu;
}

void ColumnChooser::showMenu(const QPoint &pos)
{
    QMenu *menu = createMenu(m_header);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_header->viewport()->mapToGlobal(pos));
}

}  // namespace Poplar::Ui
