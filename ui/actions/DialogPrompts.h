#pragma once

#include "actions/Prompts.h"

#include <QCoreApplication>

class QWidget;

namespace Poplar::Ui {

// The window's questions as dialogs over `parent`: PasswordDialog,
// CertificateDialog, a Yes/Cancel question and a name field.
class DialogPrompts : public Prompts
{
    Q_DECLARE_TR_FUNCTIONS(Poplar::Ui::DialogPrompts)
public:
    explicit DialogPrompts(QWidget *parent);

    std::optional<PasswordAnswer> askPassword(const Accounts::Account &account, const Poplar::Error &reason) override;
    Net::CertificateDecision askCertificate(const Net::CertificateProblem &problem) override;
    bool confirm(const QString &question) override;
    QString askFolderName(const QString &title, const QString &current) override;

private:
    QWidget *m_parent = nullptr;
};

}  // namespace Poplar::Ui
