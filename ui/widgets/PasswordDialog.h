#pragma once

#include "common/Error.h"
#include "common/Secret.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Poplar::Ui {

// Asks for an account's password after the server rejected it or when none
// is stored. "Remember" saves it in the keychain; when no keychain is
// usable, the dialog says so and the password is kept until Poplar quits.
class PasswordDialog : public QDialog
{
    Q_OBJECT
public:
    PasswordDialog(
        const QString &accountName, const QString &login, const Poplar::Error &reason, QWidget *parent = nullptr);
    ~PasswordDialog() override;

    // The password typed (the field's text is the widget's to clear).
    [[nodiscard]] Poplar::Secret password() const;
    [[nodiscard]] bool remember() const;
    // Whether a keychain could be used at all (else "Remember" is off).
    [[nodiscard]] static bool keychainUsable(const Poplar::Error &reason);

private:
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
};

}  // namespace Poplar::Ui
