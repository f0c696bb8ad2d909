#pragma once

#include "mime/ParsedMessage.h"

#include <QList>
#include <QListWidget>

namespace Poplar::Ui {

// The attachments of one message: an icon for the type, the (sanitized)
// file name and the size. Enter or a double click opens one; the context
// menu (also on the Menu key) saves one or all.
class AttachmentList : public QListWidget
{
    Q_OBJECT
public:
    explicit AttachmentList(QWidget *parent = nullptr);

    void setAttachments(const QList<Mime::AttachmentInfo> &attachments);
    [[nodiscard]] const QList<Mime::AttachmentInfo> &attachments() const { return m_attachments; }
    // The index (into attachments()) of the current item, or -1.
    [[nodiscard]] int currentAttachment() const;

    // The text one row shows: "name (size)".
    [[nodiscard]] static QString rowText(const Mime::AttachmentInfo &info);

    QSize sizeHint() const override;

Q_SIGNALS:
    void openRequested(int index);
    void saveRequested(int index);
    void saveAllRequested();

private:
    void showMenu(const QPoint &pos);

    QList<Mime::AttachmentInfo> m_attachments;
};

}  // namespace Poplar::Ui
