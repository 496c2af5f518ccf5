// Validation of registry records (DESIGN.md §5: identifiers validated at the edge). Pure: the caller
// passes the reference tables; no I/O. Thread-safe.
//
// Each Validate* appends one FieldProblem per problem found (it does not stop at the first), so that an
// import can report every problem of a row. `field` is the model's field name ("uscc", "location",
// "max_quantity_t", …), a string literal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chemsafe/core/ids.h"
#include "chemsafe/registry/model.h"

namespace chemsafe::registry {

struct FieldProblem {
  std::string_view field;
  std::string message;
};

// USCC (GB 32100-2015), name, division code (county or township, in `divisions`), location inside
// China, at least one activity, licences with type, number and dates (valid_from <= valid_to).
void ValidateEnterprise(const Enterprise& e, const DivisionTable& divisions, std::vector<FieldProblem>& out);

// Owner USCC, code, name, location inside China, boundary rings closed with >= 4 points inside China,
// declared exposed people >= 0, responsible persons named.
void ValidateUnit(const Unit& u, std::vector<FieldProblem>& out);

// Owner USCC and unit code, chemical key, a design maximum (mass, or volume with density), quantities
// positive, typical <= maximum, density in (0, 25] t/m³, temperature above absolute zero, pressure
// above vacuum, GB 18218 category a Table 2 symbol.
void ValidateHolding(const Holding& h, std::vector<FieldProblem>& out);
// The same checks without the identity (owner USCC, unit code, chemical key): for callers that have
// resolved the unit and the chemical already, such as an import (saves parsing the USCC per row).
void ValidateHoldingValues(const Holding& h, std::vector<FieldProblem>& out);

// Code, name, division code (any level, in `divisions`), location or area inside China, populations >= 0.
void ValidateProtectedTarget(const ProtectedTarget& t, const DivisionTable& divisions,
                             std::vector<FieldProblem>& out);

// True for a hazard category symbol of GB 18218-2018 Table 2 (J1…J5, W1.1…W11).
bool IsGb18218Category(std::string_view symbol);

// Same declared content (ignores store ids, enterprise_id/unit_id and the holding's validity times).
bool SameContent(const Enterprise& a, const Enterprise& b);
bool SameContent(const Unit& a, const Unit& b);
bool SameContent(const Holding& a, const Holding& b);
bool SameContent(const ProtectedTarget& a, const ProtectedTarget& b);

}  // namespace chemsafe::registry
