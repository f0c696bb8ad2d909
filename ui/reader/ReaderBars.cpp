#include "reader/ReaderBars.h"

#include <QFrame>
#include <QPalette>
#include <QPushButton>

namespace Poplar::Ui::ReaderBars {

void setUpBar(QFrame *bar, const QString &objectName)
{
    bar->setObjectName(objectName);
    bar->setFrameShape(QFrame::StyledPanel);
    bar->setAutoFillBackground(true);
    QPalette pal = bar->palette();
    pal.setColor(QPalette::Window, pal.color(QPalette::ToolTipBase));
    pal.setColor(QPalette::WindowText, pal.color(QPalette::ToolTipText));
    bar->setPalette(pal);
    bar->hide();
}

QFrame *newBar(const QString &objectName, QWidget *parent)
{
    auto *bar = new QFrame(parent);
    setUpBar(bar, objectName);
    return bar;
}

QPushButton *newButton(const QString &text, const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    button->setAutoDefault(false);
    return button;
}

}  // namespace Poplar::Ui::ReaderBars
