#pragma once

#include "accounts/Account.h"
#include "common/Error.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Poplar::Ui {

// The account's name (the domain unless taken), a summary, and Finish:
// the account is saved and its password goes to the keychain. When the
// keychain cannot take it, the page says why and offers to keep the
// password for this run only.
class FinishPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit FinishPage(QWidget *parent = nullptr);
    ~FinishPage() override;

    void initializePage() override;
    // The last page, whatever ids come after it.
    int nextId() const override { return -1; }
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    void showSaveError(const Poplar::Error &error);
    void showKeychainError(const Poplar::Error &error);
    // A broken validation rule in the user's words.
    [[nodiscard]] static QString ruleText(Accounts::AccountRule rule);

private:
    QLineEdit *m_name = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_problem = nullptr;
    QCheckBox *m_keepForSession = nullptr;
    QLabel *m_keepNote = nullptr;
    QString m_suggestedFor;
};

}  // namespace Poplar::Ui
