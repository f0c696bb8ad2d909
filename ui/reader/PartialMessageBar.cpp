#include "reader/PartialMessageBar.h"

#include "reader/ReaderBars.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Poplar::Ui {

PartialMessageBar::PartialMessageBar(QWidget *parent)
    : QFrame(parent)
{
    ReaderBars::setUpBar(this, QStringLiteral("partialBar"));
    auto *bar = new QHBoxLayout(this);
    auto *text = new QLabel(tr("Only the beginning of this message was downloaded."), this);
    text->setWordWrap(true);
    bar->addWidget(text, 1);
    auto *rest = ReaderBars::newButton(
        tr("&Download the Rest"), QStringLiteral("downloadRestButton"), tr("Download the rest of this message"), this);
    auto *remove = ReaderBars::newButton(tr("D&elete from Server"), QStringLiteral("deleteFromServerButton"),
        tr("Delete this message from the server"), this);
    bar->addWidget(rest);
    bar->addWidget(remove);
    connect(rest, &QPushButton::clicked, this, &PartialMessageBar::downloadRestRequested);
    connect(remove, &QPushButton::clicked, this, &PartialMessageBar::deleteFromServerRequested);
}

}  // namespace Poplar::Ui
