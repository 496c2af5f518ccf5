// The post risk notice card (岗位风险告知卡, "明白卡"; issue 7, "Cards") of a risk point, made from the data:
// every current risk point of the same enterprise and post (the point alone when an earlier version is
// asked for), their hazards, the chemicals present with their GHS pictograms and signal word (from the
// catalogue's classifications), the control measures by category, the emergency actions (the measures of
// category 应急处置), the emergency phones (火警 119, 急救 120, and the unit's responsible persons with a
// phone), the responsible person; a QR code to the record and the point's version and date. A later change
// of the data gives a new version; an earlier one stays retrievable by its version.
//
// The major hazard public notice (重大危险源公告) of a unit, from its GB 18218-2018 assessment: grade and R,
// the chemicals with q and Q (GHS pictograms from the catalogue), the possible accidents (the hazards of
// the unit's risk points, and those the chemicals' pictograms imply: GHS01 爆炸, GHS02 火灾, GHS04 容器
//爆裂, GHS05 灼伤, GHS06 中毒), the measures of its risk points, its three responsible persons (包保责任人).
// Its versions are the unit's assessments: version N is the Nth assessment, each retrievable.
//
// The emergency response card (应急处置卡) of a risk point: activation on its hazards, the post's actions
// (its emergency measures, in order), equipment (its PPE measures), the emergency phones.
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

// The notice of unit `unit_id` (its `version`th assessment, default the latest). NotFound outside the scope or
// for no such assessment; FailedPrecondition when the unit is not a major hazard installation in that
// assessment, lacks a responsible person's name, or its risk points carry no measure.
Result<cards::MhiNotice> MhiNoticeOf(RiskStores s, const catalogue::Catalogue& catalogue, const Principal& who,
                                     std::int64_t unit_id, std::optional<int> version, const std::string& record_url);

// The emergency response card of point `id` (at `version`, default current). FailedPrecondition when the
// point has no emergency measure.
Result<cards::EmergencyCard> EmergencyCardOf(RiskStores s, const Principal& who, std::int64_t id,
                                             std::optional<int> version, const std::string& record_url);

}  // namespace chemsafe::service
