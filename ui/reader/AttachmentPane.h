#pragma once

#include "mime/ParsedMessage.h"

#include <QList>
#include <QWidget>

namespace Poplar::Ui {

class AttachmentActions;
class AttachmentList;

// The attachments below a message: the list, and Open, Save and Save All
// buttons, which (like the list's keys and menu) go to AttachmentActions.
class AttachmentPane : public QWidget
{
    Q_OBJECT
public:
    AttachmentPane(AttachmentActions *actions, QWidget *parent = nullptr);

    // Lists these attachments (the pane hides when there are none) and
    // gives them to the actions.
    void setAttachments(const QByteArray &raw, const QList<Mime::AttachmentInfo> &attachments);

private:
    AttachmentActions *m_actions;
    AttachmentList *m_list = nullptr;
};

}  // namespace Poplar::Ui
