#include "reader/RemoteContentBar.h"

#include "reader/ReaderBars.h"
#include "widgets/PlainText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Poplar::Ui {

RemoteContentBar::RemoteContentBar(QWidget *parent)
    : QFrame(parent)
{
    ReaderBars::setUpBar(this, QStringLiteral("remoteContentBar"));
    auto *bar = new QHBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("remoteContentText"));
    m_text->setWordWrap(true);
    bar->addWidget(m_text, 1);
    auto *once = ReaderBars::newButton(tr("&Load for this message"), QStringLiteral("loadRemoteButton"),
        tr("Load remote images for this message"), this);
    m_always = ReaderBars::newButton(tr("&Always for this sender"), QStringLiteral("alwaysRemoteButton"),
        tr("Always load remote images from this sender"), this);
    bar->addWidget(once);
    bar->addWidget(m_always);
    connect(once, &QPushButton::clicked, this, &RemoteContentBar::loadRequested);
    connect(m_always, &QPushButton::clicked, this, &RemoteContentBar::alwaysForSenderRequested);
}

void RemoteContentBar::showBlocked(qsizetype blocked, const QString &sender)
{
    if (blocked > 0) {
        m_text->setText(tr(
            "To protect your privacy, Poplar did not load %n remote image(s) in this message.", nullptr, int(blocked)));
        m_always->setEnabled(!sender.isEmpty());
        m_always->setToolTip(
            sender.isEmpty() ? QString() : plainToolTip(tr("Always load remote images from %1").arg(sender)));
        m_always->setAccessibleDescription(m_always->toolTip());
    }
    setVisible(blocked > 0);
}

}  // namespace Poplar::Ui
