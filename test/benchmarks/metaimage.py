"""MetaImage (.mha) spectrum images for the comparison scripts: a VectorImage<float, 2> with its
energy axis (and optionally the microscope) in the header, as the project's readers expect."""
import numpy as np


def read_mha(path):
    """(data [y, x, channels] as float64, energy offset, dispersion); NaN for a missing axis."""
    with open(path, "rb") as file:
        fields = {}
        while True:
            key, _, value = file.readline().decode().partition(" = ")
            fields[key.strip()] = value.strip()
            if key.strip() == "ElementDataFile":
                break
        dtype = {"MET_FLOAT": "<f4", "MET_DOUBLE": "<f8", "MET_UCHAR": "u1", "MET_INT": "<i4"}[fields["ElementType"]]
        nx, ny = map(int, fields["DimSize"].split())
        channels = int(fields.get("ElementNumberOfChannels", 1))
        data = np.frombuffer(file.read(), dtype=dtype).reshape(ny, nx, channels).astype(np.float64)
    return data, float(fields.get("EnergyOffset", "nan")), float(fields.get("EnergyDispersion", "nan"))


def write_mha(path, cube, offset, dispersion, microscope=None):
    """cube [y, x, channels] as float32; microscope: (beam kV, convergence mrad, collection mrad)."""
    header = (f"ObjectType = Image\nNDims = 2\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
              f"DimSize = {cube.shape[1]} {cube.shape[0]}\nElementNumberOfChannels = {cube.shape[2]}\n"
              f"ElementSpacing = 1 1\nOffset = 0 0\nElementType = MET_FLOAT\nSignalType = EELS\n"
              f"EnergyOffset = {offset!r}\nEnergyDispersion = {dispersion!r}\nEnergyUnits = eV\n")
    if microscope is not None:
        header += (f"BeamEnergy = {microscope[0]!r}\nConvergenceSemiAngle = {microscope[1]!r}\n"
                   f"CollectionSemiAngle = {microscope[2]!r}\n")
    with open(path, "wb") as file:
        file.write((header + "ElementDataFile = LOCAL\n").encode())
        file.write(np.ascontiguousarray(cube, dtype="<f4").tobytes())
