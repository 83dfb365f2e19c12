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
#ifndef itkAnalyticalEMImageIOFactory_h
#define itkAnalyticalEMImageIOFactory_h

#include "AnalyticalEMIOExport.h"
#include "itkObjectFactoryBase.h"

namespace itk
{
/** \class AnalyticalEMImageIOFactory
 * \brief Makes GatanDMImageIO, MSAImageIO and HSPYImageIO available to itk::ImageFileReader and
 * itk::ImageFileWriter.
 *
 * The factory registers itself when the AnalyticalEMIO library is loaded, and through ITK's
 * factory registration (FACTORY_NAMES) when the project is built as an ITK remote module;
 * RegisterOneFactory() may also be called directly and registers the factory once.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT AnalyticalEMImageIOFactory : public ObjectFactoryBase
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(AnalyticalEMImageIOFactory);

  using Self = AnalyticalEMImageIOFactory;
  using Superclass = ObjectFactoryBase;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;

  const char *
  GetITKSourceVersion() const override;
  const char *
  GetDescription() const override;

  itkFactorylessNewMacro(Self);
  itkTypeMacro(AnalyticalEMImageIOFactory, ObjectFactoryBase);

  static void
  RegisterOneFactory();

protected:
  AnalyticalEMImageIOFactory();
  ~AnalyticalEMImageIOFactory() override = default;
};
} // end namespace itk

#endif
