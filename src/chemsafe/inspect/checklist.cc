#include "chemsafe/inspect/checklist.h"

namespace chemsafe::inspect {

const ChecklistItem* Checklist::Find(std::string_view item_code) const {
  for (const ChecklistItem& item : items) {
    if (item.code == item_code) return &item;
  }
  return nullptr;
}

}  // namespace chemsafe::inspect
