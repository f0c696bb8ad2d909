#pragma once

#include "store/Database.h"
#include "store/Store.h"

namespace PoplarTest {

// How many stored messages still wait to join the search index (-1: the
// store could not be read).
inline int waitingForIndex(Store::MailStore &store)
{
    auto n = store.readValue(
        [](Store::Database &db) { return db.scalar(QStringLiteral("SELECT count(*) FROM search_pending")); });
    return n ? n->toInt() : -1;
}

}  // namespace PoplarTest
