#include "chemsafe/api/openapi.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace chemsafe::api {

std::string OpenApiJson(const Router& router, const OpenApiInfo& info) {
  using Json = nlohmann::ordered_json;
  Json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", info.title}, {"version", info.version}, {"description", info.description}};
  doc["components"]["securitySchemes"]["session"] = {{"type", "apiKey"}, {"in", "cookie"}, {"name", "chemsafe_session"}};
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "request_id"}},
          {"properties",
           {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}, {"request_id", {{"type", "string"}}}}}}}}}};
  Json& paths = doc["paths"] = Json::object();
  for (const Route& r : router.routes()) {
    std::string method(MethodName(r.method));
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Json op;
    op["summary"] = r.summary;
    if (!r.tag.empty()) op["tags"] = Json::array({r.tag});
    op["operationId"] = method + r.pattern;
    Json params = Json::array();
    for (const std::string& seg : PathSegments(r.pattern)) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back({{"name", seg.substr(1, seg.size() - 2)}, {"in", "path"}, {"required", true},
                          {"schema", {{"type", "string"}}}});
      }
    }
    for (const std::string& q : r.query) {
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.request_body.empty()) op["requestBody"] = {{"required", true}, {"content", {{r.request_body, Json::object()}}}};
    op["responses"]["200"] = {{"description", "OK"}, {"content", {{r.response_type, Json::object()}}}};
    op["responses"]["default"] = {{"description", "error"},
                                  {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    if (r.access == Access::kSession) op["security"] = Json::array({{{"session", Json::array()}}});
    paths[r.pattern][method] = std::move(op);
  }
  return doc.dump(1);
}

}  // namespace chemsafe::api
