#pragma once

#include <QString>
#include <QStringView>

// RFC 3676 "format=flowed" plain text with DelSp=yes: how the text a user
// wrote goes out (lines short enough for any reader, paragraphs that a
// flowed-aware reader rewraps to its window), and how a body sent that way
// reads again. GMime has no encoder for it.
namespace Mime {

// Output lines are at most this many characters, their soft-break space
// included, unless a single word is longer.
inline constexpr int kFlowedWidth = 72;
// A word longer than this is cut (DelSp=yes joins the pieces again without a
// space): no line comes near SMTP's 998 octets, even in 4-octet characters,
// unless its quote marks alone are hundreds deep (the message writer then
// sends the text quoted-printable).
inline constexpr int kFlowedLongestPiece = 240;

// `text` (lines separated by "\n", as written; a "\r" before a "\n" is
// dropped) as the body of a `text/plain; format=flowed; delsp=yes` part,
// lines separated by "\n" (the message writer makes them CRLF):
// - a line starting with '>' characters is quoted to that depth (one space
//   after the marks is taken as their separator); its pieces keep the marks;
// - spaces at the end of a line are dropped (they would make it flow into
//   the next), except in the signature separator "-- ";
// - a line longer than `width` is cut after a space into pieces that end
//   with a soft-break space; a word that does not fit stays whole up to
//   kFlowedLongestPiece characters;
// - a line (or piece) that starts with a space, "From " or a '>' that is not
//   a quote mark is space-stuffed.
[[nodiscard]] QString encodeFlowed(QStringView text, int width = kFlowedWidth);

// The text of a format=flowed body (`delSp` from its DelSp parameter): soft
// line breaks joined (never across a change of quote depth or into the
// signature separator), space-stuffing removed; a quoted paragraph comes out
// as its marks, a space and its text.
[[nodiscard]] QString decodeFlowed(QStringView text, bool delSp);

}  // namespace Mime
