// ReleaseFontCachesAtExit of pdf_check.h, and the sanitizer settings that go with it.
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>
#include <pango/pangocairo.h>

#include "chemsafe/drawing/testing/pdf_check.h"

// Under the sanitizers (CHEMSAFE_SANITIZE, the debug preset): cairo 1.16 keeps about 768 bytes per
// font of every finished PDF surface (inside cairo_surface_finish; the same with any text, none of it
// reachable from the caller). Checked with the trace labels: with the caches released, nothing else is
// left, however many labels are rendered. Debian's cairo has no frame pointers, so the stacks are unwound
// the slow way for the suppression to see cairo_surface_finish. These definitions replace the
// sanitizer runtime's weak defaults in any program that calls ReleaseFontCachesAtExit (which links this
// object file).
extern "C" const char* __lsan_default_suppressions() { return "leak:cairo_surface_finish\n"; }
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

namespace chemsafe::drawing_testing {
namespace {

class ReleaseFontCaches : public ::testing::Environment {
 public:
  void TearDown() override {
    pango_cairo_font_map_set_default(nullptr);
    cairo_debug_reset_static_data();
    FcFini();
  }
};

}  // namespace

const void* ReleaseFontCachesAtExit() { return ::testing::AddGlobalTestEnvironment(new ReleaseFontCaches); }

}  // namespace chemsafe::drawing_testing
