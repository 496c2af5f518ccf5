// The MHI database over a real SQLite registry and the shipped catalogue and GB 18218-2018 tables.
// Expected grades are hand-computed from GB 18218-2018 formulas (1), (2) and Tables 1, 3, 5, 6.
#include "chemsafe/service/hazard_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "chemsafe/reference/catalogue_files.h"

namespace chemsafe::service {
namespace {

using store::HazardEventKind;

class HazardServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chemsafe-hazard-service-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string db = (dir_ / "r.db").string();
    auto r = store::OpenSqlite(db);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    registry_ = std::move(r).value();
    auto h = store::OpenSqliteHazardStore(db);
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    hazards_ = std::move(h).value();
    auto c = reference::LoadCatalogue(CHEMSAFE_TEST_DATA_DIR);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    catalogue_ = std::move(c).value();
    ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
      registry::Enterprise e;
      e.uscc = kUscc;
      e.name = "示例化工有限公司";
      e.division_code = "440305";
      e.sector = registry::Sector::kChemical;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertEnterprise(e));
      registry::Unit a;  // located; a school of 150 people 300 m away
      a.enterprise_uscc = kUscc;
      a.code = "A";
      a.name = "液氯储罐区";
      a.location = LonLat{113.9300, 22.5300};
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(a));
      registry::Unit b;  // no location; 40 people declared
      b.enterprise_uscc = kUscc;
      b.code = "B";
      b.name = "液氨储罐区";
      b.declared_exposed_people = 40;
      b.responsible = {{registry::PersonRole::kPrincipal, "张三", ""},
                       {registry::PersonRole::kTechnical, "李四", ""},
                       {registry::PersonRole::kOperational, "王五", ""}};
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(b));
      registry::Unit unit_c;  // neither
      unit_c.enterprise_uscc = kUscc;
      unit_c.code = "C";
      unit_c.name = "仓库";
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(unit_c));
      CHEMSAFE_RETURN_IF_ERROR(Hold(w, "A", "7782-50-5", 10, "2024-01-01T00:00:00+08:00"));
      CHEMSAFE_RETURN_IF_ERROR(Hold(w, "B", "7664-41-7", 20, "2024-01-01T00:00:00+08:00"));
      CHEMSAFE_RETURN_IF_ERROR(Hold(w, "C", "7782-50-5", 1, "2024-01-01T00:00:00+08:00"));
      registry::ProtectedTarget school;
      school.code = "T1";
      school.name = "某小学";
      school.target_class = registry::TargetClass::kHighlySensitive;
      school.kind = "学校";
      school.division_code = "440305";
      school.location = LonLat{113.9300, 22.5327};  // 0.0027° north: about 300 m
      school.day_population = 150;
      school.night_population = 0;
      CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(school));
      registry::ProtectedTarget far = school;
      far.code = "T2";
      far.location = LonLat{113.9300, 22.5400};  // about 1.1 km: not counted
      far.day_population = 5000;
      return w.UpsertProtectedTarget(far);
    }).ok());
  }
  void TearDown() override {
    hazards_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  static Status Hold(store::RegistryWriter& w, const std::string& unit, const std::string& cas, double t,
                     const std::string& at) {
    registry::Holding h;
    h.enterprise_uscc = kUscc;
    h.unit_code = unit;
    h.chemical_key = cas;
    h.chemical_name = cas;
    h.max_quantity_t = t;
    h.state = registry::PhysicalState::kLiquefiedGas;
    return w.UpsertHolding(h, at);
  }

  static constexpr const char* kUscc = "91440300MA5F00001X";
  std::filesystem::path dir_;
  std::unique_ptr<store::RegistryStore> registry_;
  std::unique_ptr<store::HazardStore> hazards_;
  catalogue::Catalogue catalogue_;
};

std::vector<HazardEventKind> Kinds(const HazardRunReport& r) {
  std::vector<HazardEventKind> out;
  for (const auto& e : r.events) out.push_back(e.kind);
  return out;
}

TEST_F(HazardServiceTest, AssessesTheRegistryWithComputedAndDeclaredExposure) {
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  auto r = AssessRegistry(*registry_, *hazards_, catalogue_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->units_assessed, 3);
  // A: chlorine 10 t / 5 t = 2 (S); 150 people within 500 m → α 2.0; R = 2 × 4 × 2 = 16 → grade 3.
  // B: ammonia 20 t / 10 t = 2; 40 declared → α 1.2; R = 1.2 × 2 × 2 = 4.8 → grade 4.
  // C: no location and no headcount → not assessable.
  EXPECT_EQ(r->all.grade[3], 1);
  EXPECT_EQ(r->all.grade[4], 1);
  EXPECT_EQ(r->all.failed, 1);
  EXPECT_EQ(r->exposure_computed, 1);
  EXPECT_EQ(r->exposure_declared, 1);
  EXPECT_EQ(r->exposure_missing, 1);
  EXPECT_EQ(r->by_city["4403"].major(), 2);
  EXPECT_EQ(r->by_sector[static_cast<int>(registry::Sector::kChemical)].total(), 3);
  EXPECT_THAT(Kinds(*r), ::testing::UnorderedElementsAre(HazardEventKind::kBecameMajorHazard,
                                                         HazardEventKind::kBecameMajorHazard,
                                                         HazardEventKind::kAssessmentFailed));
  // A has no responsible persons: all three are missing; B has all three.
  EXPECT_EQ(r->missing_responsible.size(), 3u);
  EXPECT_EQ(r->missing_responsible_count, 3);
  auto unit_a = registry_->FindUnit(kUscc, "A");
  ASSERT_TRUE(unit_a.ok() && unit_a->has_value());
  auto latest = hazards_->LatestAssessment((*unit_a)->id);
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->exposed_people, 150);
  EXPECT_EQ((*latest)->exposed_source, "computed");
  EXPECT_EQ((*latest)->grade, 3);
  EXPECT_NEAR(*(*latest)->r, 16.0, 1e-9);
  EXPECT_THAT((*latest)->detail, ::testing::HasSubstr("7782-50-5"));
  EXPECT_THAT(r->failures, ::testing::Contains(::testing::HasSubstr("/C: no location")));
}

TEST_F(HazardServiceTest, ReassessesOnlyChangedUnitsAndRecordsTheTransition) {
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  ASSERT_TRUE(AssessRegistry(*registry_, *hazards_, catalogue_, o).ok());
  // Unit A now holds 40 t: S = 8, R = 2 × 4 × 8 = 64 → grade 2 (a rise from 3).
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) {
    return Hold(w, "A", "7782-50-5", 40, "2024-03-01T00:00:00+08:00");
  }).ok());
  HazardRunOptions again;
  again.only_changed = true;
  again.at = "2024-03-02T00:00:00.000000Z";
  auto r = AssessRegistry(*registry_, *hazards_, catalogue_, again);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->units_assessed, 1);
  EXPECT_EQ(r->all.grade[2], 1);
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].kind, HazardEventKind::kGradeRose);
  EXPECT_EQ(r->events[0].from_grade, 3);
  EXPECT_EQ(r->events[0].to_grade, 2);
  // Nothing changed since: nothing to re-assess.
  again.at = "2024-03-03T00:00:00.000000Z";
  auto none = AssessRegistry(*registry_, *hazards_, catalogue_, again);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->units_assessed, 0);
}

// A unit with a site outline counts the people within 500 m of the outline, not of its location.
TEST_F(HazardServiceTest, ExposureIsMeasuredFromTheUnitsBoundary) {
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) -> Status {
    registry::Unit d;  // 0.01° × 0.004° (about 1,030 m × 445 m); its location is the centre
    d.enterprise_uscc = kUscc;
    d.code = "D";
    d.name = "罐区";
    d.location = LonLat{113.9550, 22.5320};
    d.boundary = Polygon{{{{113.9500, 22.5300}, {113.9600, 22.5300}, {113.9600, 22.5340}, {113.9500, 22.5340}}}};
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertUnit(d));
    CHEMSAFE_RETURN_IF_ERROR(Hold(w, "D", "7782-50-5", 10, "2024-01-01T00:00:00+08:00"));
    registry::ProtectedTarget t;
    t.target_class = registry::TargetClass::kHighlySensitive;
    t.kind = "居民区";
    t.division_code = "440305";
    t.night_population = 0;
    // 0.004° east of the east edge: about 411 m from the outline, 924 m from the location. Counted.
    t.code = "E";
    t.name = "东村";
    t.location = LonLat{113.9640, 22.5320};
    t.day_population = 60;
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
    // 0.006° east of the edge: about 616 m. Not counted.
    t.code = "F";
    t.name = "远村";
    t.location = LonLat{113.9660, 22.5320};
    t.day_population = 1000;
    CHEMSAFE_RETURN_IF_ERROR(w.UpsertProtectedTarget(t));
    // Inside the outline, 620 m from the location. Counted.
    t.code = "G";
    t.name = "门卫室";
    t.location = LonLat{113.9505, 22.5302};
    t.day_population = 7;
    return w.UpsertProtectedTarget(t);
  }).ok());
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  auto r = AssessRegistry(*registry_, *hazards_, catalogue_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto unit_d = registry_->FindUnit(kUscc, "D");
  ASSERT_TRUE(unit_d.ok() && unit_d->has_value());
  auto latest = hazards_->LatestAssessment((*unit_d)->id);
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->exposed_people, 67);
  EXPECT_EQ((*latest)->exposed_source, "computed");
  // Chlorine 10 t / 5 t (Table 1) = 2; 67 people → α 1.5 (Table 5); R = 1.5 × 4 × 2 = 12 → grade 3.
  EXPECT_NEAR(*(*latest)->r, 12.0, 1e-9);
  EXPECT_EQ((*latest)->grade, 3);
}

// Holdings carry Shanghai time (+08:00), assessments UTC (Z): "changed since" compares instants, not texts.
TEST_F(HazardServiceTest, ChangedSinceComparesInstantsAcrossTimeZones) {
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  ASSERT_TRUE(AssessRegistry(*registry_, *hazards_, catalogue_, o).ok());
  // 06:00 Shanghai = 2024-02-29T22:00Z, before the next assessment at 01:00Z: as text it looks later.
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) {
    return Hold(w, "A", "7782-50-5", 40, "2024-03-01T06:00:00+08:00");
  }).ok());
  HazardRunOptions again;
  again.only_changed = true;
  again.at = "2024-03-01T01:00:00.000000Z";
  auto first = AssessRegistry(*registry_, *hazards_, catalogue_, again);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->units_assessed, 1);
  again.at = "2024-03-01T01:30:00.000000Z";
  auto second = AssessRegistry(*registry_, *hazards_, catalogue_, again);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->units_assessed, 0);
  // 09:45 Shanghai = 01:45Z, after the 01:30Z assessment: changed.
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) {
    return Hold(w, "A", "7782-50-5", 41, "2024-03-01T09:45:00+08:00");
  }).ok());
  again.at = "2024-03-01T02:00:00.000000Z";
  auto third = AssessRegistry(*registry_, *hazards_, catalogue_, again);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->units_assessed, 1);
}

TEST_F(HazardServiceTest, ReassessesTheGivenUnitsOnly) {
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  ASSERT_TRUE(AssessRegistry(*registry_, *hazards_, catalogue_, o).ok());
  auto unit_b = registry_->FindUnit(kUscc, "B");
  ASSERT_TRUE(unit_b.ok() && unit_b->has_value());
  // B: ammonia 4 t / 10 t (Table 1) = 0.4: no longer a major hazard.
  ASSERT_TRUE(registry_->InTransaction([&](store::RegistryWriter& w) {
    return Hold(w, "B", "7664-41-7", 4, "2024-03-01T00:00:00+08:00");
  }).ok());
  o.at = "2024-03-02T00:00:00.000000Z";
  auto r = ReassessUnits(*registry_, *hazards_, catalogue_, {(*unit_b)->id, 999999}, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->units_assessed, 1);
  EXPECT_EQ(r->all.not_major, 1);
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events[0].kind, HazardEventKind::kNoLongerMajorHazard);
  EXPECT_EQ(r->events[0].unit_id, (*unit_b)->id);
  EXPECT_EQ(r->events[0].from_grade, 4);
  EXPECT_EQ(r->events[0].to_grade, std::nullopt);
  auto history = hazards_->AssessmentHistory((*unit_b)->id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);
}

TEST_F(HazardServiceTest, AUnitCountsItsOwnHoldingsOnlyWhenAnotherUnitBetweenIsOutOfScope) {
  auto unit_a = registry_->FindUnit(kUscc, "A");
  auto unit_c = registry_->FindUnit(kUscc, "C");
  ASSERT_TRUE(unit_a.ok() && unit_a->has_value() && unit_c.ok() && unit_c->has_value());
  // B (ammonia, 20 t) lies between A and C in id order and is not assessed.
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  auto r = ReassessUnits(*registry_, *hazards_, catalogue_, {(*unit_a)->id, (*unit_c)->id}, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->units_assessed, 2);
  auto a = hazards_->LatestAssessment((*unit_a)->id);
  ASSERT_TRUE(a.ok() && a->has_value());
  // A: chlorine 10 t / 5 t (GB 18218-2018 Table 1 序号 12) = 2, nothing else.
  EXPECT_DOUBLE_EQ((*a)->sum_ratio.value_or(0), 2.0);
  EXPECT_THAT((*a)->detail, ::testing::Not(::testing::HasSubstr("7664-41-7")));
}

TEST_F(HazardServiceTest, ListsMajorHazardsWithResponsiblePersonsAndFilings) {
  HazardRunOptions o;
  o.at = "2024-02-01T00:00:00.000000Z";
  ASSERT_TRUE(AssessRegistry(*registry_, *hazards_, catalogue_, o).ok());
  auto unit_b = registry_->FindUnit(kUscc, "B");
  auto unit_c = registry_->FindUnit(kUscc, "C");
  ASSERT_TRUE(unit_b.ok() && unit_b->has_value() && unit_c.ok() && unit_c->has_value());
  store::MhiFiling filing;
  filing.unit_id = (*unit_b)->id;
  filing.status = store::FilingStatus::kFiled;
  filing.filing_date = "2024-02-10";
  filing.next_reassessment_due = "2027-02-10";
  ASSERT_TRUE(RecordFiling(*hazards_, filing).ok());
  auto list = ListMajorHazards(*registry_, *hazards_);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);  // A (grade 3) then B (grade 4); C could not be assessed
  EXPECT_EQ((*list)[0].unit_code, "A");
  EXPECT_EQ((*list)[0].grade, 3);
  EXPECT_THAT((*list)[0].missing_responsible, ::testing::ElementsAre("主要负责人", "技术负责人", "操作负责人"));
  EXPECT_FALSE((*list)[0].filing.has_value());
  EXPECT_EQ((*list)[1].unit_code, "B");
  EXPECT_EQ((*list)[1].grade, 4);
  EXPECT_TRUE((*list)[1].missing_responsible.empty());
  ASSERT_TRUE((*list)[1].filing.has_value());
  EXPECT_EQ((*list)[1].filing->filing_date, "2024-02-10");
  EXPECT_EQ((*list)[1].filing->next_reassessment_due, "2027-02-10");
  // Bad dates, a filed status without its date, a unit that is not a major hazard installation.
  filing.filing_date = "2024-13-01";
  EXPECT_EQ(RecordFiling(*hazards_, filing).code(), StatusCode::kInvalidArgument);
  filing.filing_date = "";
  EXPECT_EQ(RecordFiling(*hazards_, filing).code(), StatusCode::kInvalidArgument);
  filing.filing_date = "2024-02-10";
  filing.unit_id = (*unit_c)->id;
  EXPECT_EQ(RecordFiling(*hazards_, filing).code(), StatusCode::kFailedPrecondition);
}

TEST(HazardRanking, MoreMajorHazardsFirstThenMoreSevereGrades) {
  std::map<std::string, GradeCounts> areas;
  areas["4401"].grade[4] = 3;
  areas["4403"].grade[1] = 1;
  areas["4403"].grade[4] = 2;
  areas["4404"].not_major = 50;
  areas["4406"].grade[2] = 3;
  std::vector<std::string> keys;
  for (const auto& a : RankByMajorHazards(areas)) keys.push_back(a.key);
  EXPECT_THAT(keys, ::testing::ElementsAre("4403", "4406", "4401", "4404"));
}

TEST_F(HazardServiceTest, ScopeByEnterpriseAndDivision) {
  HazardRunOptions o;
  o.division_prefix = "4401";  // 广州市: none of ours
  auto r = AssessRegistry(*registry_, *hazards_, catalogue_, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->units_assessed, 0);
  o.division_prefix.reset();
  o.enterprise_uscc = kUscc;
  r = AssessRegistry(*registry_, *hazards_, catalogue_, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->units_assessed, 3);
}

}  // namespace
}  // namespace chemsafe::service
