#pragma once

#include "accounts/Account.h"

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace Poplar::Ui {

// What stays on the server and how often to look for mail. The default:
// keep mail 14 days and delete it there too when it is deleted here;
// check every 10 minutes.
class PolicyPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit PolicyPage(QWidget *parent = nullptr);
    ~PolicyPage() override;

    void initializePage() override;
    void cleanupPage() override;
    int nextId() const override;

    // The choice as a policy.
    [[nodiscard]] Accounts::Policy policy() const;

private:
    void updateEnabled();

    QRadioButton *m_keepDaysMode = nullptr;
    QRadioButton *m_deleteMode = nullptr;
    QRadioButton *m_keepForeverMode = nullptr;
    QSpinBox *m_keepDays = nullptr;
    QCheckBox *m_limitCount = nullptr;
    QSpinBox *m_keepCount = nullptr;
    QCheckBox *m_limitMegabytes = nullptr;
    QSpinBox *m_keepMegabytes = nullptr;
    QCheckBox *m_deleteLocal = nullptr;
    QCheckBox *m_limitSize = nullptr;
    QSpinBox *m_sizeLimit = nullptr;
    QSpinBox *m_interval = nullptr;
    QCheckBox *m_uidlFallback = nullptr;
    QLabel *m_serverNote = nullptr;
};

}  // namespace Poplar::Ui
