#include "reader/MessageHeaderView.h"

#include "reader/ReaderBars.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Poplar::Ui {

namespace {

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);  // header text is untrusted: never rich text
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::ClickFocus);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    return label;
}

}  // namespace

MessageHeaderView::MessageHeaderView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("messageHeader"));
    auto *headerLayout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_subject = valueLabel(QStringLiteral("headerSubject"), this);
    m_subject->setAccessibleName(tr("Subject"));
    QFont subjectFont = m_subject->font();
    subjectFont.setBold(true);
    subjectFont.setPointSizeF(subjectFont.pointSizeF() * 1.15);
    m_subject->setFont(subjectFont);
    top->addWidget(m_subject, 1);
    m_viewSource = ReaderBars::newButton(
        tr("View &Source"), QStringLiteral("viewSourceButton"), tr("View the message source"), this);
    m_viewSource->setToolTip(tr("Show the message as it was received (%1)")
                                 .arg(QKeySequence(Qt::CTRL | Qt::Key_U).toString(QKeySequence::NativeText)));
    connect(m_viewSource, &QPushButton::clicked, this, &MessageHeaderView::viewSourceRequested);
    top->addWidget(m_viewSource, 0, Qt::AlignTop);
    headerLayout->addLayout(top);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    auto addRow = [&](const QString &caption, const QString &name, QLabel **captionOut) {
        QLabel *value = valueLabel(name, this);
        value->setAccessibleName(caption);
        auto *captionLabel = new QLabel(tr("%1:").arg(caption), this);
        captionLabel->setBuddy(value);
        form->addRow(captionLabel, value);
        if (captionOut)
            *captionOut = captionLabel;
        return value;
    };
    m_from = addRow(tr("From"), QStringLiteral("headerFrom"), nullptr);
    m_to = addRow(tr("To"), QStringLiteral("headerTo"), nullptr);
    m_cc = addRow(tr("Cc"), QStringLiteral("headerCc"), &m_ccCaption);
    m_date = addRow(tr("Date"), QStringLiteral("headerDate"), nullptr);
    headerLayout->addLayout(form);
}

void MessageHeaderView::showHeaders(const Store::MessageSummary &summary, const Mime::ParsedMessage &parsed)
{
    QString from = Mime::displayList(parsed.from);
    if (from.isEmpty())
        from = Mime::Address { summary.fromName, summary.fromAddress }.display();
    QString to = Mime::displayList(parsed.to);
    if (to.isEmpty())
        to = summary.to;
    QString cc = Mime::displayList(parsed.cc);
    if (cc.isEmpty())
        cc = summary.cc;
    const QString subject = parsed.subject.isEmpty() ? summary.subject : parsed.subject;
    const QDateTime date = parsed.date.isValid() ? parsed.date : summary.date;

    m_subject->setText(subject.isEmpty() ? tr("(no subject)") : subject);
    m_from->setText(from.isEmpty() ? tr("(unknown sender)") : from);
    m_to->setText(to);
    m_cc->setText(cc);
    m_cc->setVisible(!cc.isEmpty());
    m_ccCaption->setVisible(!cc.isEmpty());
    m_date->setText(date.isValid() ? QLocale().toString(date.toLocalTime(), QLocale::LongFormat) : tr("(no date)"));
}

QString MessageHeaderView::shownSubject() const
{
    return m_subject->text();
}

}  // namespace Poplar::Ui
