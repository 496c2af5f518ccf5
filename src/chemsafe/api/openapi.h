// The OpenAPI 3.0 description of the API, written from the route table (router.h) so that every route
// is in it by construction; served at GET /api/v1/openapi.json.
#pragma once

#include <string>

#include "chemsafe/api/router.h"

namespace chemsafe::api {

struct OpenApiInfo {
  std::string title = "chemsafe API";
  std::string version;
  std::string description;
};

std::string OpenApiJson(const Router& router, const OpenApiInfo& info);

}  // namespace chemsafe::api
