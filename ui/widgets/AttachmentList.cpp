#include "widgets/AttachmentList.h"
#include "widgets/PlainText.h"

#include <QFileIconProvider>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QMimeDatabase>

namespace Poplar::Ui {

namespace {

QIcon iconFor(const Mime::AttachmentInfo &info)
{
    static QMimeDatabase db;
    QMimeType type = db.mimeTypeForName(QString::fromLatin1(info.mimeType));
    if (!type.isValid() || type.isDefault())
        type = db.mimeTypeForFile(info.fileName, QMimeDatabase::MatchExtension);
    static const QFileIconProvider provider;
    const QIcon fallback = provider.icon(QAbstractFileIconProvider::File);
    if (!type.isValid())
        return fallback;
    return QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName(), fallback));
}

}  // namespace

AttachmentList::AttachmentList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("attachmentList"));
    setAccessibleName(tr("Attachments"));
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setIconSize(QSize(22, 22));
    setSpacing(2);

    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT openRequested(item->data(Qt::UserRole).toInt());
    });
    connect(this, &QWidget::customContextMenuRequested, this, &AttachmentList::showMenu);
}

QString AttachmentList::rowText(const Mime::AttachmentInfo &info)
{
    return tr("%1 (%2)").arg(info.fileName, QLocale().formattedDataSize(info.size));
}

void AttachmentList::setAttachments(const QList<Mime::AttachmentInfo> &attachments)
{
    clear();
    m_attachments = attachments;
    for (int i = 0; i < m_attachments.size(); ++i) {
        const Mime::AttachmentInfo &info = m_attachments.at(i);
        auto *item = new QListWidgetItem(iconFor(info), rowText(info), this);
        item->setData(Qt::UserRole, i);
        // The name and type are the sender's words: shown as they are.
        item->setToolTip(plainToolTip(
            tr("%1\nType: %2\nSize: %3")
                .arg(info.fileName, QString::fromLatin1(info.mimeType), QLocale().formattedDataSize(info.size))));
        item->setData(Qt::AccessibleTextRole, rowText(info));
    }
    if (count() > 0)
        setCurrentRow(0);
    updateGeometry();
}

int AttachmentList::currentAttachment() const
{
    const QListWidgetItem *item = currentItem();
    return item ? item->data(Qt::UserRole).toInt() : -1;
}

QSize AttachmentList::sizeHint() const
{
    // Room for about two rows; the list scrolls beyond that.
    const int row = qMax(iconSize().height(), fontMetrics().height()) + 8;
    return QSize(QListWidget::sizeHint().width(), 2 * row + 2 * frameWidth() + 4);
}

void AttachmentList::showMenu(const QPoint &pos)
{
    QListWidgetItem *item = itemAt(pos);
    if (!item)
        item = currentItem();
    QMenu menu(this);
    if (item) {
        const int index = item->data(Qt::UserRole).toInt();
        menu.addAction(tr("&Open"), this, [this, index] { Q_EMIT openRequested(index); });
        menu.addAction(tr("&Save As…"), this, [this, index] { Q_EMIT saveRequested(index); });
    }
    if (count() > 0)
        menu.addAction(tr("Save &All…"), this, [this] { Q_EMIT saveAllRequested(); });
    if (!menu.isEmpty())
        menu.exec(viewport()->mapToGlobal(pos));
}

}  // namespace Poplar::Ui
