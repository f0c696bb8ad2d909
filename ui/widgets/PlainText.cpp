#include "widgets/PlainText.h"

#include <QTextDocument>

namespace Poplar::Ui {

QString plainToolTip(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

QMessageBox *plainMessageBox(QMessageBox::Icon icon, const QString &title, const QString &text, const QString &details,
    QMessageBox::StandardButtons buttons, QWidget *parent)
{
    auto *box = new QMessageBox(icon, title, QString(), buttons, parent);
    box->setTextFormat(Qt::PlainText);
    box->setText(details.isEmpty() ? text : text + QStringLiteral("\n\n") + details);
    return box;
}

}  // namespace Poplar::Ui
