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
#include "itkAnalyticalEMImageIOFactory.h"

#include "itkBrukerBCFImageIO.h"
#include "itkGatanDMImageIO.h"
#include "itkHSPYImageIO.h"
#include "itkMSAImageIO.h"
#include "itkVeloxEMDImageIO.h"
#include "itkVersion.h"

#include <mutex>

namespace itk
{
AnalyticalEMImageIOFactory::AnalyticalEMImageIOFactory()
{
  this->RegisterOverride("itkImageIOBase", "itkGatanDMImageIO", "Gatan DigitalMicrograph DM3/DM4 reader", true,
                         CreateObjectFunction<GatanDMImageIO>::New());
  this->RegisterOverride("itkImageIOBase", "itkHSPYImageIO", "HyperSpy .hspy reader and writer", true,
                         CreateObjectFunction<HSPYImageIO>::New());
  this->RegisterOverride("itkImageIOBase", "itkMSAImageIO", "EMSA/MSA spectrum reader and writer", true,
                         CreateObjectFunction<MSAImageIO>::New());
  this->RegisterOverride("itkImageIOBase", "itkBrukerBCFImageIO", "Bruker .bcf hypermap reader", true,
                         CreateObjectFunction<BrukerBCFImageIO>::New());
  this->RegisterOverride("itkImageIOBase", "itkVeloxEMDImageIO", "Thermo Fisher Velox .emd reader", true,
                         CreateObjectFunction<VeloxEMDImageIO>::New());
}

const char *
AnalyticalEMImageIOFactory::GetITKSourceVersion() const
{
  return ITK_SOURCE_VERSION;
}

const char *
AnalyticalEMImageIOFactory::GetDescription() const
{
  return "ITKAnalyticalEM readers: Gatan DM3/DM4, EMSA/MSA, HyperSpy, Velox EMD, Bruker BCF";
}

void
AnalyticalEMImageIOFactory::RegisterOneFactory()
{
  static std::once_flag once;
  std::call_once(once, []() { ObjectFactoryBase::RegisterFactoryInternal(AnalyticalEMImageIOFactory::New()); });
}

// ITK's factory registration (remote-module builds) calls this by name.
void AnalyticalEMIO_EXPORT
     AnalyticalEMImageIOFactoryRegister__Private()
{
  AnalyticalEMImageIOFactory::RegisterOneFactory();
}

namespace
{
// Registers the readers when the library is loaded (builds against an installed ITK, where
// ITK's generated registration does not know this module).
const struct RegisterOnLoad
{
  RegisterOnLoad() { AnalyticalEMImageIOFactory::RegisterOneFactory(); }
} registerOnLoad;
} // namespace
} // end namespace itk
