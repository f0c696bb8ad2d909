#include "widgets/PasswordDialog.h"

#include "text/ErrorText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Poplar::Ui {

PasswordDialog::PasswordDialog(
    const QString &accountName, const QString &login, const Poplar::Error &reason, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Password for %1").arg(accountName));
    setObjectName(QStringLiteral("passwordDialog"));
    auto *layout = new QVBoxLayout(this);

    QString why;
    switch (reason.code) {
    case ErrorCode::AuthFailed:
        why = tr("The server rejected the password for %1.").arg(accountName.toHtmlEscaped());
        break;
    case ErrorCode::CredentialNotStored:
        why = tr("No password is saved for %1.").arg(accountName.toHtmlEscaped());
        break;
    default: why = errorMessage(reason).toHtmlEscaped(); break;
    }
    auto *text = new QLabel(QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                                .arg(why, tr("Enter the password for %1.").arg(login.toHtmlEscaped())),
        this);
    text->setWordWrap(true);
    layout->addWidget(text);
    const QString serverText = errorServerDetails(reason);
    if (!serverText.isEmpty()) {
        auto *detail = new QLabel(serverText, this);  // "The server said: …", never markup
        detail->setObjectName(QStringLiteral("serverText"));
        detail->setTextFormat(Qt::PlainText);
        detail->setWordWrap(true);
        detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(detail);
    }

    auto *form = new QFormLayout;
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_remember = new QCheckBox(tr("&Remember the password in the keychain"), this);
    m_remember->setObjectName(QStringLiteral("remember"));
    layout->addWidget(m_remember);
    if (keychainUsable(reason)) {
        m_remember->setChecked(true);
    } else {
        m_remember->setChecked(false);
        m_remember->setEnabled(false);
        auto *note = new QLabel(tr("%1 Poplar keeps the password in memory until it quits and writes it nowhere else.")
                                    .arg(errorMessage(reason)),
            this);
        note->setObjectName(QStringLiteral("noKeychain"));
        note->setTextFormat(Qt::PlainText);
        note->setWordWrap(true);
        layout->addWidget(note);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Log In"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_password, &QLineEdit::textChanged, this,
        [buttons](const QString &t) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!t.isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

PasswordDialog::~PasswordDialog() = default;

Poplar::Secret PasswordDialog::password() const
{
    return Poplar::Secret(m_password->text().toUtf8());
}

bool PasswordDialog::remember() const
{
    return m_remember->isChecked();
}

bool PasswordDialog::keychainUsable(const Poplar::Error &reason)
{
    return reason.code != ErrorCode::KeychainUnavailable && reason.code != ErrorCode::KeychainLocked;
}

}  // namespace Poplar::Ui
