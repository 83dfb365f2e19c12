/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
#include "itkEMHugePageBuffers.h"

#include "itkImportImageContainer.h"
#include "itkObjectFactoryBase.h"
#include "itkVersion.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <new>
#include <string>

#if defined(__linux__)
#  include <sys/mman.h>
#endif

namespace itk
{
namespace
{
constexpr std::uintptr_t HugePage = std::uintptr_t{ 2 } << 20;

/** ITK's container with the allocation advised for huge pages. The buffer comes from new[] as
 * in ITK's container, so ITK's DeallocateManagedMemory (called from its destructor) frees it. */
template <typename TElement>
class HugePageImportImageContainer : public ImportImageContainer<SizeValueType, TElement>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(HugePageImportImageContainer);
  using Self = HugePageImportImageContainer;
  using Superclass = ImportImageContainer<SizeValueType, TElement>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkFactorylessNewMacro(Self);
  itkTypeMacro(HugePageImportImageContainer, ImportImageContainer);

protected:
  HugePageImportImageContainer() = default;
  ~HugePageImportImageContainer() override = default;

  TElement *
  AllocateElements(SizeValueType size, bool initialize) const override
  {
    if (size * sizeof(TElement) < EMHugePageBuffers::MinimumBytes)
    {
      return Superclass::AllocateElements(size, initialize);
    }
    TElement * data = new (std::nothrow) TElement[size];
    if (data == nullptr)
    {
      throw MemoryAllocationError(__FILE__, __LINE__, "Failed to allocate memory for image.", ITK_LOCATION);
    }
    EMHugePageBuffers::Advise(data, size * sizeof(TElement));
    if (initialize)
    {
      std::fill(data, data + size, TElement{});
    }
    return data;
  }
};

class HugePageBufferFactory : public ObjectFactoryBase
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(HugePageBufferFactory);
  using Self = HugePageBufferFactory;
  using Pointer = SmartPointer<Self>;
  itkFactorylessNewMacro(Self);
  itkTypeMacro(HugePageBufferFactory, ObjectFactoryBase);

  const char *
  GetITKSourceVersion() const override
  {
    return ITK_SOURCE_VERSION;
  }
  const char *
  GetDescription() const override
  {
    return "Image buffers of float and double pixels advised for transparent huge pages";
  }

protected:
  HugePageBufferFactory()
  {
    this->Override<float>();
    this->Override<double>();
  }

private:
  template <typename TElement>
  void
  Override()
  {
    using Container = HugePageImportImageContainer<TElement>;
    this->RegisterOverride(typeid(ImportImageContainer<SizeValueType, TElement>).name(),
                           typeid(Container).name(),
                           "huge-page image buffer",
                           true,
                           CreateObjectFunction<Container>::New());
  }
};
} // namespace

bool
EMHugePageBuffers::IsAvailable()
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string   line;
  std::getline(mode, line);
  return line.find("[always]") != std::string::npos || line.find("[madvise]") != std::string::npos;
#else
  return false;
#endif
}

size_t
EMHugePageBuffers::Advise(void * data, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto address = reinterpret_cast<std::uintptr_t>(data);
  const auto first = (address + HugePage - 1) & ~(HugePage - 1);
  const auto last = (address + bytes) & ~(HugePage - 1);
  if (last > first && madvise(reinterpret_cast<void *>(first), last - first, MADV_HUGEPAGE) == 0)
  {
    return last - first;
  }
#else
  (void)data;
  (void)bytes;
#endif
  return 0;
}

bool
EMHugePageBuffers::Register()
{
  static std::once_flag once;
  static bool           registered = false;
  std::call_once(once, [] {
    if (IsAvailable())
    {
      ObjectFactoryBase::RegisterFactory(HugePageBufferFactory::New());
      registered = true;
    }
  });
  return registered;
}
} // end namespace itk
