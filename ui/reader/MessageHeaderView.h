#pragma once

#include "mime/ParsedMessage.h"
#include "store/StoreTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Poplar::Ui {

// The header block of the reading pane: subject, From, To, Cc (only when
// there is one) and date, as plain text the reader can select, and the
// View Source button. Header text is the sender's: never rich text.
class MessageHeaderView : public QWidget
{
    Q_OBJECT
public:
    explicit MessageHeaderView(QWidget *parent = nullptr);

    // The parsed header fields, or what the store derived from them when
    // the message could not be parsed.
    void showHeaders(const Store::MessageSummary &summary, const Mime::ParsedMessage &parsed);
    // The subject as shown ("(no subject)" when there is none).
    [[nodiscard]] QString shownSubject() const;

Q_SIGNALS:
    void viewSourceRequested();

private:
    QLabel *m_subject = nullptr;
    QLabel *m_from = nullptr;
    QLabel *m_to = nullptr;
    QLabel *m_ccCaption = nullptr;
    QLabel *m_cc = nullptr;
    QLabel *m_date = nullptr;
    QPushButton *m_viewSource = nullptr;
};

}  // namespace Poplar::Ui
