#include "widgets/NoAccountHint.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Poplar::Ui {

NoAccountHint::NoAccountHint(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("noAccountHint"));
    m_text = new QLabel(tr("No account is set up yet, so no mail arrives here.\n"
                           "Add one with File > Add Account, or here:"),
        this);
    m_text->setObjectName(QStringLiteral("noAccountText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_button = new QPushButton(tr("&Add Account…"), this);
    m_button->setObjectName(QStringLiteral("noAccountAddButton"));
    connect(m_button, &QPushButton::clicked, this, &NoAccountHint::addAccountRequested);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_text);
    layout->addWidget(m_button, 0, Qt::AlignHCenter);
    layout->addStretch();
    setAccessibleName(m_text->text());
}

QString NoAccountHint::text() const
{
    return m_text->text();
}

}  // namespace Poplar::Ui
