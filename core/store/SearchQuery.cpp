#include "store/SearchQuery.h"

#include <QTimeZone>

namespace Store {

using Poplar::Error;
using Poplar::ErrorCode;

namespace {

struct Token {
    bool negated = false;
    QString key;    // lower case; empty for a plain term
    QString value;  // unquoted
    bool quoted = false;
    bool closed = false;  // a quoted value's closing quote was there
    bool prefix = false;  // ended in * outside quotes
};

// Splits on white space outside double quotes. `key:"a b"` stays one token.
QList<Token> tokenize(const QString &text)
{
    QList<Token> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Token t;
        if (text.at(i) == QLatin1Char('-') && i + 1 < n && !text.at(i + 1).isSpace()) {
            t.negated = true;
            ++i;
        }
        // key: letters, then a colon, then something
        qsizetype k = i;
        while (k < n && text.at(k).isLetter())
            ++k;
        if (k > i && k + 1 < n && text.at(k) == QLatin1Char(':') && !text.at(k + 1).isSpace()) {
            t.key = text.mid(i, k - i).toLower();
            i = k + 1;
        }
        const qsizetype valueStart = i;
        if (i < n && text.at(i) == QLatin1Char('"')) {
            t.quoted = true;
            ++i;
            const qsizetype close = text.indexOf(QLatin1Char('"'), i);
            const qsizetype end = close < 0 ? n : close;
            t.value = text.mid(i, end - i);
            t.closed = close >= 0;
            i = close < 0 ? n : close + 1;
            if (i < n && text.at(i) == QLatin1Char('*')) {
                t.prefix = true;
                ++i;
            }
            // Anything glued to the closing quote belongs to the next token.
        } else {
            while (i < n && !text.at(i).isSpace())
                ++i;
            t.value = text.mid(valueStart, i - valueStart);
            if (t.value.endsWith(QLatin1Char('*'))) {
                t.prefix = true;
                while (t.value.endsWith(QLatin1Char('*')))
                    t.value.chop(1);
            }
        }
        out << t;
    }
    return out;
}

// Surrogates count: a letter beyond the Basic Multilingual Plane (𠮷) is
// a word character too.
bool hasWordCharacter(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.isLetterOrNumber() || c.isSurrogate(); });
}

// One FTS5 phrase: the user's text as a string literal, never as syntax.
// FTS5 reads the expression as a C string, so a NUL would end it early.
QString phrase(const QString &text, bool prefix)
{
    QString quoted = text;
    quoted.remove(QChar(0));
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"') + (prefix ? QStringLiteral("*") : QString());
}

std::optional<QDate> parseDay(const QString &value)
{
    for (const char *format : { "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d" }) {
        const QDate d = QDate::fromString(value, QLatin1String(format));
        if (d.isValid())
            return d;
    }
    return std::nullopt;
}

// The detail is the term as the user wrote it (ui/ words the error).
Error badTerm(const Token &t)
{
    return Error(ErrorCode::SearchSyntax,
        (t.negated ? QStringLiteral("-") : QString()) + t.key + QLatin1Char(':')
            + (t.quoted ? QLatin1Char('"') + t.value + QLatin1Char('"') : t.value));
}

}  // namespace

Poplar::Result<SearchQuery> SearchQuery::parse(const QString &text, Words words)
{
    SearchQuery q;
    for (const Token &t : tokenize(text)) {
        QString column;
        if (t.key == QLatin1String("from"))
            column = QStringLiteral("sender");
        else if (t.key == QLatin1String("to") || t.key == QLatin1String("cc"))
            column = QStringLiteral("recipients");
        else if (t.key == QLatin1String("subject"))
            column = QStringLiteral("subject");

        if (t.key == QLatin1String("has")) {
            const QString v = t.value.toLower();
            if (v != QLatin1String("attachment") && v != QLatin1String("attachments"))
                return badTerm(t);
            q.hasAttachment = !t.negated;
        } else if (t.key == QLatin1String("is")) {
            const QString v = t.value.toLower();
            if (v == QLatin1String("unread"))
                q.unread = !t.negated;
            else if (v == QLatin1String("read") || v == QLatin1String("seen"))
                q.unread = t.negated;
            else if (v == QLatin1String("flagged") || v == QLatin1String("starred"))
                q.flagged = !t.negated;
            else if (v == QLatin1String("unflagged"))
                q.flagged = t.negated;
            else
                return badTerm(t);
        } else if (t.key == QLatin1String("before") || t.key == QLatin1String("after")) {
            if (t.negated)
                return badTerm(t);
            const auto day = parseDay(t.value);
            if (!day)
                return badTerm(t);
            if (t.key == QLatin1String("before"))
                q.before = day->startOfDay().toUTC();
            else
                q.after = day->startOfDay().toUTC();
        } else if (t.key == QLatin1String("folder")) {
            if (t.negated)
                return badTerm(t);
            if (t.value.isEmpty())
                return badTerm(t);
            q.folderPath = t.value;
        } else {
            // A text term, in a field or anywhere.
            QString value = t.value;
            if (column.isEmpty() && !t.key.isEmpty())
                value = t.key + QLatin1Char(':') + value;  // "re:", "http://…": plain text
            if (!hasWordCharacter(value))
                continue;  // nothing FTS5 could match
            // A phrase whose closing quote is still to come is being typed.
            const bool typing = words == Words::Prefixes && (!t.quoted || !t.closed);
            QString expr = phrase(value, t.prefix || typing);
            if (!column.isEmpty())
                expr = column + QStringLiteral(" : ") + expr;
            (t.negated ? q.exclude : q.include) << expr;
        }
    }
    return q;
}

}  // namespace Store
