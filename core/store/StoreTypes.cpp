#include "store/StoreTypes.h"
