// The post risk notice card (岗位风险告知卡, "明白卡"; issue 7, "Cards") of a risk point, made from the data:
// every current risk point of the same enterprise and post (the point alone when an earlier version is
// asked for), their hazards, the chemicals present with their GHS pictograms and signal word (from the
// catalogue's classifications), the control measures by category, the emergency actions (the measures of
// category 应急处置), the emergency phones (火警 119, 急救 120, and the unit's responsible persons with a
// phone), the responsible person; a QR code to the record and the point's version and date. A later change
// of the data gives a new version; an earlier one stays retrievable by its version.
#pragma once

#include <optional>
#include <string>

#include "chemsafe/cards/cards.h"
#include "chemsafe/catalogue/catalogue.h"
#include "chemsafe/core/result.h"
#include "chemsafe/service/risk_service.h"

namespace chemsafe::service {

// The card of point `id` (at `version`, default current) as the caller may see it (NotFound outside the
// scope); `record_url` is the QR code's payload. FailedPrecondition when the post's points carry no
// emergency measure (the card must say what to do).
Result<cards::PostRiskCard> PostRiskCardOf(RiskStores s, const catalogue::Catalogue& catalogue, const Principal& who,
                                           std::int64_t id, std::optional<int> version, const std::string& record_url);

}  // namespace chemsafe::service
