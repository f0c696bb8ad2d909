#pragma once

// The window's questions answered by a test: each answer is a function the
// test sets (by default: no password, reject the certificate, go ahead,
// no name).

#include "actions/Prompts.h"

#include <functional>

class ScriptedPrompts : public Poplar::Ui::Prompts
{
public:
    std::function<std::optional<PasswordAnswer>(const Accounts::Account &, const Poplar::Error &)> password
        = [](const Accounts::Account &, const Poplar::Error &) { return std::optional<PasswordAnswer>(); };
    std::function<Net::CertificateDecision(const Net::CertificateProblem &)> certificate
        = [](const Net::CertificateProblem &) { return Net::CertificateDecision::Reject; };
    std::function<bool(const QString &)> confirmation = [](const QString &) { return true; };
    std::function<QString(const QString &, const QString &)> folderName
        = [](const QString &, const QString &) { return QString(); };

    std::optional<PasswordAnswer> askPassword(const Accounts::Account &account, const Poplar::Error &reason) override
    {
        return password(account, reason);
    }
    Net::CertificateDecision askCertificate(const Net::CertificateProblem &problem) override
    {
        return certificate(problem);
    }
    bool confirm(const QString &question) override { return confirmation(question); }
    QString askFolderName(const QString &title, const QString &current) override { return folderName(title, current); }
};
