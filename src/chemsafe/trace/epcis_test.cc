#include "chemsafe/trace/epcis.h"
#include <gtest/gtest.h>
