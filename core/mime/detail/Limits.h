#pragma once

#include <QtGlobal>

#include <cstddef>

// What one parse of untrusted input may cost: the bounds the GMime wrapper
// keeps to whatever a message claims.
namespace Mime::Detail {

constexpr int kMaxMultipartDepth = 64;             // multipart levels walked
constexpr qint64 kMaxBodyBytes = 4 * 1024 * 1024;  // a chosen text or HTML body
constexpr int kMaxWarnings = 64;
constexpr int kMaxAttachments = 10000;
constexpr int kMaxAddresses = 10000;
constexpr size_t kReadChunk = 64 * 1024;

}  // namespace Mime::Detail
