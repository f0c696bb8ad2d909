#pragma once

#include "common/Error.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;

namespace Poplar::Ui {

// The wizard's first page: the owner's name, the email address and the
// password (never echoed).
class IdentityPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit IdentityPage(QWidget *parent = nullptr);
    ~IdentityPage() override;

    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

    // The server rejected the password: says so, with the server's words,
    // and puts the cursor in the password field, its text selected.
    void showPasswordRejected(const Poplar::Error &error);

private:
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_problem = nullptr;
};

}  // namespace Poplar::Ui
