#pragma once

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Poplar::Ui {

// The server settings by hand: host, port, security (no encryption only
// with a consent that says what it risks), login name, sign-in method and
// an extra CA file.
class ManualPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ManualPage(QWidget *parent = nullptr);
    ~ManualPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    void securityChanged();
    void browseCaFile();

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_security = nullptr;
    QCheckBox *m_consent = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLabel *m_problem = nullptr;
    int m_lastSecurity = 0;
};

}  // namespace Poplar::Ui
