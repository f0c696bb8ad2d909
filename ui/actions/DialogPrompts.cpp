#include "actions/DialogPrompts.h"

#include "accounts/Account.h"
#include "widgets/CertificateDialog.h"
#include "widgets/PasswordDialog.h"

#include <QInputDialog>
#include <QMessageBox>

namespace Poplar::Ui {

DialogPrompts::DialogPrompts(QWidget *parent)
    : m_parent(parent)
{ }

std::optional<Prompts::PasswordAnswer> DialogPrompts::askPassword(
    const Accounts::Account &account, const Poplar::Error &reason)
{
    PasswordDialog dialog(account.name, QStringLiteral("%1@%2").arg(account.user, account.host), reason, m_parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return PasswordAnswer { dialog.password(), dialog.remember() };
}

Net::CertificateDecision DialogPrompts::askCertificate(const Net::CertificateProblem &problem)
{
    return CertificateDialog::ask(problem, m_parent);
}

bool DialogPrompts::confirm(const QString &question)
{
    return QMessageBox::question(
               m_parent, tr("Poplar"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

QString DialogPrompts::askFolderName(const QString &title, const QString &current)
{
    bool ok = false;
    const QString name
        = QInputDialog::getText(m_parent, title, tr("Folder name:"), QLineEdit::Normal, current, &ok).trimmed();
    return ok ? name : QString();
}

}  // namespace Poplar::Ui
