#include "mime/Flowed.h"

#include <QStringList>

#include <algorithm>

namespace Mime {

namespace {

const QString kSignatureSeparator = QStringLiteral("-- ");

struct QuotedLine {
    int depth = 0;
    QStringView rest;  // after the marks and the space after them
};

// The quote marks of a line as written (one space after them is their
// separator when encoding, the stuffing when decoding: dropped either way).
QuotedLine splitQuote(QStringView line)
{
    QuotedLine q;
    while (q.depth < line.size() && line[q.depth] == u'>')
        ++q.depth;
    q.rest = line.sliced(q.depth);
    if (q.depth > 0 && q.rest.startsWith(u' '))
        q.rest = q.rest.sliced(1);
    return q;
}

QStringView withoutLineEnd(QStringView line)
{
    return line.endsWith(u'\r') ? line.chopped(1) : line;
}

bool needsStuffing(QStringView piece)
{
    return piece.startsWith(u' ') || piece.startsWith(u'>') || piece.startsWith(u"From ");
}

QString quoteMarks(int depth)
{
    return QString(depth, u'>');
}

// Where to cut `rest` so that the piece and its soft-break space fit in
// `room` characters: after the last space that fits, else after the first
// space at all (up to the longest piece), else at the longest piece.
qsizetype cutAt(QStringView rest, qsizetype room)
{
    const qsizetype fit = std::max<qsizetype>(1, room - 1);  // the piece, without its soft-break space
    for (qsizetype i = std::min(fit, rest.size()) - 1; i >= 1; --i) {
        if (rest[i] == u' ')
            return i + 1;
    }
    const qsizetype longest = std::min<qsizetype>(kFlowedLongestPiece, rest.size());
    for (qsizetype i = 1; i < longest; ++i) {
        if (rest[i] == u' ')
            return i + 1;
    }
    qsizetype cut = longest;
    if (cut < rest.size() && rest[cut].isLowSurrogate())
        --cut;  // never between the halves of a character
    return cut;
}

void encodeLine(QStringView line, int width, QStringList *out)
{
    const QuotedLine q = splitQuote(withoutLineEnd(line));
    QStringView rest = q.rest;
    if (rest != kSignatureSeparator) {
        while (rest.endsWith(u' '))
            rest.chop(1);
    }
    const QString marks = quoteMarks(q.depth);
    if (rest.isEmpty()) {
        out->append(marks);
        return;
    }
    while (true) {
        QString prefix = marks;
        if (q.depth > 0 || needsStuffing(rest))
            prefix += u' ';
        const qsizetype room = std::max<qsizetype>({ 2, width / 2, width - prefix.size() });  // deep quotes go past the width
        if (rest.size() <= room || rest == kSignatureSeparator) {
            out->append(prefix + rest);
            return;
        }
        const qsizetype cut = cutAt(rest, room);
        if (cut >= rest.size()) {
            out->append(prefix + rest);
            return;
        }
        out->append(prefix + rest.first(cut) + u' ');
        rest = rest.sliced(cut);
    }
}

}  // namespace

QString encodeFlowed(QStringView text, int width)
{
    QStringList out;
    qsizetype start = 0;
    while (true) {
        const qsizetype nl = text.indexOf(u'\n', start);
        encodeLine(text.sliced(start, (nl < 0 ? text.size() : nl) - start), width, &out);
        if (nl < 0)
            break;
        start = nl + 1;
    }
    return out.join(u'\n');
}

QString decodeFlowed(QStringView text, bool delSp)
{
    QStringList out;
    QString paragraph;
    int depth = 0;
    bool open = false;  // the last line was flowed: the paragraph goes on
    auto close = [&] {
        out.append(depth > 0 ? quoteMarks(depth) + (paragraph.isEmpty() ? QString() : u' ' + paragraph) : paragraph);
        paragraph.clear();
        open = false;
    };
    qsizetype start = 0;
    while (true) {
        const qsizetype nl = text.indexOf(u'\n', start);
        const QStringView line = withoutLineEnd(text.sliced(start, (nl < 0 ? text.size() : nl) - start));
        QuotedLine q = splitQuote(line);
        if (q.depth == 0 && q.rest.startsWith(u' '))
            q.rest = q.rest.sliced(1);  // stuffing
        const bool signature = q.rest == kSignatureSeparator;
        if (open && (q.depth != depth || signature))
            close();  // a soft break never joins these
        depth = q.depth;
        QStringView piece = q.rest;
        const bool flowed = !signature && piece.endsWith(u' ');
        if (flowed && delSp)
            piece.chop(1);
        paragraph += piece;
        if (flowed)
            open = true;
        else
            close();
        if (nl < 0)
            break;
        start = nl + 1;
    }
    if (open)
        close();
    return out.join(u'\n');
}

}  // namespace Mime
