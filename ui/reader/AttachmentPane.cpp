#include "reader/AttachmentPane.h"

#include "reader/AttachmentActions.h"
#include "reader/ReaderBars.h"
#include "widgets/AttachmentList.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace Poplar::Ui {

AttachmentPane::AttachmentPane(AttachmentActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("attachmentPane"));
    auto *pane = new QHBoxLayout(this);
    m_list = new AttachmentList(this);
    pane->addWidget(m_list, 1);
    auto *buttons = new QVBoxLayout;
    auto *open = ReaderBars::newButton(
        tr("&Open"), QStringLiteral("openAttachmentButton"), tr("Open the selected attachment"), this);
    auto *save = ReaderBars::newButton(
        tr("Sa&ve…"), QStringLiteral("saveAttachmentButton"), tr("Save the selected attachment"), this);
    auto *saveAll = ReaderBars::newButton(
        tr("Save A&ll…"), QStringLiteral("saveAllAttachmentsButton"), tr("Save all attachments into a folder"), this);
    buttons->addWidget(open);
    buttons->addWidget(save);
    buttons->addWidget(saveAll);
    buttons->addStretch(1);
    pane->addLayout(buttons);
    connect(open, &QPushButton::clicked, this, [this] { m_actions->openWithErrors(m_list->currentAttachment()); });
    connect(save, &QPushButton::clicked, this, [this] { m_actions->saveWithDialog(m_list->currentAttachment()); });
    connect(saveAll, &QPushButton::clicked, m_actions, &AttachmentActions::saveAllWithDialog);
    connect(m_list, &AttachmentList::openRequested, m_actions, &AttachmentActions::openWithErrors);
    connect(m_list, &AttachmentList::saveRequested, m_actions, &AttachmentActions::saveWithDialog);
    connect(m_list, &AttachmentList::saveAllRequested, m_actions, &AttachmentActions::saveAllWithDialog);
}

void AttachmentPane::setAttachments(const QByteArray &raw, const QList<Mime::AttachmentInfo> &attachments)
{
    m_list->setAttachments(attachments);
    m_actions->setMessage(raw, attachments);
    setVisible(!attachments.isEmpty());
}

}  // namespace Poplar::Ui
