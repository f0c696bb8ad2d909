#pragma once

#include "common/Error.h"

#include <QString>

namespace Poplar::Ui {

// A translated sentence for an error, saying what happened and what to do.
[[nodiscard]] QString errorMessage(const Error &error);
// The server's own words, escaped, for a "details" line; empty if none.
[[nodiscard]] QString errorServerDetails(const Error &error);
// Message and details together, for a terminal or a log.
[[nodiscard]] QString errorFullText(const Error &error);

}  // namespace Poplar::Ui
